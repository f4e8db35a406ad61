/**
 * Every element, registered (guarded, see components/shared/define.ts), and
 * its class. The bare imports register the tags (each registering module
 * also registers the elements it renders); the exports give the classes.
 */
import '../components/provider/provider.js';
import '../components/inbox/inbox.js';
import '../components/conversation/conversation.js';
import '../components/composer/composer.js';
import '../components/launcher/launcher.js';

export { PoolseProvider } from '../components/provider/provider.js';
export type { PoolseTheme } from '../components/provider/provider.js';
export { PoolseInbox } from '../components/inbox/inbox.js';
export { PoolseConversation } from '../components/conversation/conversation.js';
export { PoolseComposer } from '../components/composer/composer.js';
export { PoolseAvatar } from '../components/avatar/avatar.js';
export { PoolseMessage } from '../components/message/message.js';
export { PoolseReactions } from '../components/reactions/reactions.js';
export { PoolseThread } from '../components/thread/thread.js';
export { PoolseTimeline } from '../components/timeline/timeline.js';
export { PoolseLauncher } from '../components/launcher/launcher.js';
export { define, POOLSE_ELEMENTS_VERSION } from '../components/shared/define.js';
export {
  registerLocale,
  availableLocales,
  localeTable,
} from '../components/shared/localize/registry.js';
export type {
  LocaleStrings,
  LocaleStrings as StringTable,
  StringKey,
  PoolseStrings,
} from '../components/shared/localize/keys.js';
// The event detail types; exporting them also keeps each element's global
// event map (`GlobalEventHandlersEventMap`) in the published declarations.
export type { ConversationSelectDetail } from '../components/inbox/inbox.js';
export type {
  MessageSendDetail,
  UploadErrorDetail,
  UploadProgressDetail,
} from '../components/composer/composer-events.js';
