/** The version of this SDK, for diagnostics. */
export const VERSION = '0.1.0';
