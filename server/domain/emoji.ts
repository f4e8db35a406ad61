/**
 * Reaction keys must look like one emoji (possibly a ZWJ sequence, a flag,
 * a keycap or with skin tones), not arbitrary text.
 */
const MAX_EMOJI_LENGTH = 32;
const EMOJI_PARTS =
  /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\p{Emoji_Component}|\u200D|\uFE0F|\u20E3)+$/u;
const EMOJI_CORE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

export function isEmojiKey(value: string): boolean {
  return (
    value.length > 0 &&
    value.length <= MAX_EMOJI_LENGTH &&
    EMOJI_PARTS.test(value) &&
    EMOJI_CORE.test(value)
  );
}
