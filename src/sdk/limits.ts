/**
 * The wire contract's size limits, defined once: the server validates
 * against them and the client uses them to stop a user before a request
 * would be refused. Plain numbers, no imports, so both sides can load it.
 */

/** Longest message body, in UTF-16 code units (what `String.length` counts). */
export const MAX_BODY_LENGTH = 10_000;
/** Attachments one message may carry. */
export const MAX_ATTACHMENTS = 10;
/** Users one message may mention. */
export const MAX_MENTIONS = 100;
/** Longest display name or conversation name. */
export const MAX_NAME_LENGTH = 200;
/** Longest external (customer-side) user id. */
export const MAX_EXTERNAL_ID_LENGTH = 255;
/** Longest URL field (avatars). */
export const MAX_URL_LENGTH = 2048;
/** Longest reaction key. */
export const MAX_EMOJI_LENGTH = 32;
/** Keys a `custom_data` or `settings` object may have at its top level. */
export const MAX_CUSTOM_DATA_PROPERTIES = 100;
/** Largest JSON request body, in bytes. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;
/** Deepest nesting of arrays and objects in a JSON request body. */
export const MAX_JSON_DEPTH = 64;
/** Longest `Idempotency-Key` header. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** Members one request may add. */
export const MAX_MEMBERS_PER_REQUEST = 500;
/** External ids one `POST /v1/users/lookup` may ask for. */
export const MAX_PROFILE_LOOKUP = 100;
/** Largest `custom_data` or `settings` object, in bytes of its JSON (past it: 422). */
export const MAX_CUSTOM_DATA_BYTES = 8 * 1024;
