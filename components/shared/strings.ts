/**
 * Every user-visible string of poolse elements, one table per locale.
 *
 * English is complete and is the fallback for any key a locale lacks, so a
 * new key never shows up blank in another language. French is shipped to
 * prove the mechanism (and because the anchors asked for it). Apps add a
 * locale with `registerLocale()` or override single strings per provider
 * (`overrides`), e.g. to rename "Inbox" to "Support".
 *
 * Interpolation: `{name}` is replaced by `params.name`. Plurals: when
 * `params.count` is a number and the table has `key#one` (or `#zero`, `#two`,
 * `#few`, `#many`) for the `Intl.PluralRules` category of that count, that
 * variant wins; the plain key is the `other` form.
 *
 * Engineers of other elements add their keys here with small insertions,
 * grouped under their element's prefix.
 */

export const en = {
  // common
  'common.retry': 'Retry',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.back': 'Back',
  'common.loading': 'Loading…',
  'common.error': 'Something went wrong.',
  'common.online': 'Online',
  'common.offline': 'Offline',
  'common.you': 'You',
  'common.unknown-user': 'Unknown user',

  // launcher
  'launcher.title': 'Chat',
  'launcher.open': 'Open chat',
  'launcher.open-unread': 'Open chat, {count} unread messages',
  'launcher.open-unread#one': 'Open chat, 1 unread message',
  'launcher.close': 'Close chat',
  'launcher.back': 'Back to conversations',

  // avatar
  'avatar.label': '{name}',
  'avatar.online': '{name}, online',

  // inbox
  'inbox.label': 'Conversations',
  'inbox.title': 'Messages',
  'inbox.empty.title': 'No conversations yet',
  'inbox.empty.body': 'Start one with the button above.',
  'inbox.error.title': 'Could not load your conversations.',
  'inbox.loading': 'Loading conversations',
  'inbox.typing': 'typing…',
  'inbox.typing-named': '{name} is typing…',
  'inbox.no-messages': 'No messages yet',
  'inbox.unread': '{count} unread messages',
  'inbox.unread#one': '1 unread message',
  'inbox.online': 'online',
  'inbox.untitled-group': 'Untitled group',
  'inbox.direct-fallback': 'Direct message',
  'inbox.group-members': '{names}',
  'inbox.new': 'New conversation',
  'inbox.new.title': 'New conversation',
  'inbox.new.type': 'Type',
  'inbox.new.direct': 'Direct',
  'inbox.new.group': 'Group',
  'inbox.new.members': 'Members',
  'inbox.new.member': 'Member',
  'inbox.new.members-hint': 'External ids, separated by commas or spaces',
  'inbox.new.member-hint': 'The external id of the person to talk to',
  'inbox.new.name': 'Group name',
  'inbox.new.create': 'Create',
  'inbox.new.creating': 'Creating…',
  'inbox.new.error-members': 'Enter at least one member.',
  'inbox.new.error-direct': 'A direct conversation has exactly one other person.',
  'inbox.new.error': 'Could not create the conversation.',

  // composer
  'composer.label': 'Message',
  'composer.placeholder': 'Write a message…',
  'composer.placeholder-thread': 'Reply in thread…',
  'composer.placeholder-edit': 'Edit your message…',
  'composer.tools': 'Message tools',
  'composer.send': 'Send',
  'composer.save': 'Save',
  'composer.uploading': 'Uploading…',
  'composer.uploading-hint': 'The message sends when the uploads finish.',
  'composer.attach': 'Attach files',
  'composer.emoji': 'Insert emoji',
  'composer.emoji-picker': 'Emoji picker',
  'composer.drop': 'Drop files to attach',
  'composer.attachments': 'Attachments',
  'composer.attachment.progress': 'Uploading {name}',
  'composer.attachment.remove': 'Remove {name}',
  'composer.attachment.cancel': 'Cancel upload of {name}',
  'composer.attachment.retry': 'Retry upload of {name}',
  'composer.attachment.failed': 'Upload failed',
  'composer.attachment.too-many': 'A message can carry at most {max} files.',
  'composer.quote': 'Quoting {name}',
  'composer.quote.close': 'Stop quoting',
  'composer.quote.attachment': 'Attachment',
  'composer.edit': 'Editing your message',
  'composer.edit.cancel': 'Cancel editing',
  'composer.thread': 'Replying in thread',
  'composer.mentions': 'People to mention',
  'composer.shortcodes': 'Emoji suggestions',
  'composer.hint': 'Enter to send, Shift+Enter for a new line',
  'composer.hint-edit': 'Enter to save, Escape to cancel',

  // conversation, timeline, message, reactions, thread, lightbox
  'conversation.label': 'Conversation',
  'conversation.timeline': 'Messages',
  'conversation.empty.title': 'No conversation selected',
  'conversation.empty.body': 'Pick a conversation to start chatting.',
  'conversation.loading': 'Loading messages…',
  'conversation.error': 'Could not load the messages.',
  'conversation.members': '{count} members',
  'conversation.members#one': '1 member',
  'conversation.online': '{count} online',
  'conversation.direct-online': 'Online',
  'conversation.direct-offline': 'Offline',
  'conversation.typing.one': '{name} is typing…',
  'conversation.typing.two': '{first} and {second} are typing…',
  'conversation.typing.many': '{count} people are typing…',
  'conversation.reconnecting': 'Reconnecting… New messages will appear when the connection is back.',
  'conversation.unread': 'New messages',
  'conversation.jump-latest': 'Jump to latest',
  'conversation.new-below': '{count} new messages',
  'conversation.new-below#one': '1 new message',
  'conversation.loading-older': 'Loading older messages…',
  'conversation.beginning': 'This is the beginning of the conversation.',
  'conversation.announce': 'New message from {name}: {text}',
  'conversation.today': 'Today',
  'conversation.yesterday': 'Yesterday',
  'message.edited': '(edited)',
  'message.deleted': 'This message was deleted.',
  'message.replies': '{count} replies',
  'message.replies#one': '1 reply',
  'message.pending': 'Sending…',
  'message.failed': 'Not sent.',
  'message.seen-by': 'Seen by {names}',
  'message.seen-by-more': 'Seen by {names} and {count} more',
  'message.actions': 'More actions',
  'message.menu': 'Message actions',
  'message.action.reply': 'Reply in thread',
  'message.action.quote': 'Quote',
  'message.action.react': 'Add reaction',
  'message.action.copy': 'Copy text',
  'message.action.edit': 'Edit',
  'message.action.delete': 'Delete',
  'message.delete.title': 'Delete this message?',
  'message.delete.body': 'It will be removed for everyone in this conversation.',
  'message.delete.confirm': 'Delete',
  'message.quote': 'Quoting {name}',
  'message.quote-deleted': 'The quoted message was deleted.',
  'message.attachment': 'Attachment',
  'message.attachment.open': 'Open image {name}',
  'message.attachment.download': 'Download {name}',
  'message.attachment.image': 'Image',
  'reactions.label': 'Reactions',
  'reactions.item': 'React with {emoji}: {count}',
  'reactions.add': 'Add reaction',
  'reactions.picker': 'Pick a reaction',
  'reactions.more': 'More emoji',
  'thread.title': 'Thread',
  'thread.close': 'Close thread',
  'thread.empty': 'No replies yet. Start the thread below.',
  'thread.replies': '{count} replies',
  'thread.replies#one': '1 reply',
  'lightbox.label': 'Image viewer',
  'lightbox.close': 'Close image viewer',
  'lightbox.download': 'Download',

} as const satisfies Record<string, string>;

export type StringKey = keyof typeof en;
export type StringTable = Partial<Record<StringKey, string>> & Record<string, string>;
export type StringParams = Record<string, string | number>;

export const fr: StringTable = {
  'common.retry': 'Réessayer',
  'common.cancel': 'Annuler',
  'common.close': 'Fermer',
  'common.back': 'Retour',
  'common.loading': 'Chargement…',
  'common.error': 'Une erreur est survenue.',
  'common.online': 'En ligne',
  'common.offline': 'Hors ligne',
  'common.you': 'Vous',
  'common.unknown-user': 'Utilisateur inconnu',

  // launcher
  'launcher.title': 'Discussion',
  'launcher.open': 'Ouvrir la discussion',
  'launcher.open-unread': 'Ouvrir la discussion, {count} messages non lus',
  'launcher.open-unread#one': 'Ouvrir la discussion, 1 message non lu',
  'launcher.close': 'Fermer la discussion',
  'launcher.back': 'Retour aux conversations',

  'avatar.label': '{name}',
  'avatar.online': '{name}, en ligne',

  'inbox.label': 'Conversations',
  'inbox.title': 'Messages',
  'inbox.empty.title': 'Aucune conversation',
  'inbox.empty.body': 'Commencez-en une avec le bouton ci-dessus.',
  'inbox.error.title': 'Impossible de charger vos conversations.',
  'inbox.loading': 'Chargement des conversations',
  'inbox.typing': 'écrit…',
  'inbox.typing-named': '{name} écrit…',
  'inbox.no-messages': 'Aucun message',
  'inbox.unread': '{count} messages non lus',
  'inbox.unread#one': '1 message non lu',
  'inbox.online': 'en ligne',
  'inbox.untitled-group': 'Groupe sans nom',
  'inbox.direct-fallback': 'Message direct',
  'inbox.group-members': '{names}',
  'inbox.new': 'Nouvelle conversation',
  'inbox.new.title': 'Nouvelle conversation',
  'inbox.new.type': 'Type',
  'inbox.new.direct': 'Directe',
  'inbox.new.group': 'Groupe',
  'inbox.new.members': 'Membres',
  'inbox.new.member': 'Membre',
  'inbox.new.members-hint': 'Identifiants externes, séparés par des virgules ou des espaces',
  'inbox.new.member-hint': 'L’identifiant externe de votre interlocuteur',
  'inbox.new.name': 'Nom du groupe',
  'inbox.new.create': 'Créer',
  'inbox.new.creating': 'Création…',
  'inbox.new.error-members': 'Indiquez au moins un membre.',
  'inbox.new.error-direct': 'Une conversation directe se fait à deux.',
  'inbox.new.error': 'Impossible de créer la conversation.',

  'composer.label': 'Message',
  'composer.placeholder': 'Écrire un message…',
  'composer.placeholder-thread': 'Répondre dans le fil…',
  'composer.placeholder-edit': 'Modifier votre message…',
  'composer.tools': 'Outils du message',
  'composer.send': 'Envoyer',
  'composer.save': 'Enregistrer',
  'composer.uploading': 'Envoi des fichiers…',
  'composer.uploading-hint': 'Le message partira à la fin des envois de fichiers.',
  'composer.attach': 'Joindre des fichiers',
  'composer.emoji': 'Insérer un émoji',
  'composer.emoji-picker': 'Sélecteur d’émojis',
  'composer.drop': 'Déposez les fichiers à joindre',
  'composer.attachments': 'Pièces jointes',
  'composer.attachment.progress': 'Envoi de {name}',
  'composer.attachment.remove': 'Retirer {name}',
  'composer.attachment.cancel': 'Annuler l’envoi de {name}',
  'composer.attachment.retry': 'Renvoyer {name}',
  'composer.attachment.failed': 'Échec de l’envoi',
  'composer.attachment.too-many': 'Un message peut contenir au plus {max} fichiers.',
  'composer.quote': 'Citation de {name}',
  'composer.quote.close': 'Ne plus citer',
  'composer.quote.attachment': 'Pièce jointe',
  'composer.edit': 'Modification de votre message',
  'composer.edit.cancel': 'Annuler la modification',
  'composer.thread': 'Réponse dans le fil',
  'composer.mentions': 'Personnes à mentionner',
  'composer.shortcodes': 'Suggestions d’émojis',
  'composer.hint': 'Entrée pour envoyer, Maj+Entrée pour un retour à la ligne',
  'composer.hint-edit': 'Entrée pour enregistrer, Échap pour annuler',

  'conversation.label': 'Conversation',
  'conversation.timeline': 'Messages',
  'conversation.empty.title': 'Aucune conversation sélectionnée',
  'conversation.empty.body': 'Choisissez une conversation pour discuter.',
  'conversation.loading': 'Chargement des messages…',
  'conversation.error': 'Impossible de charger les messages.',
  'conversation.members': '{count} membres',
  'conversation.members#one': '1 membre',
  'conversation.online': '{count} en ligne',
  'conversation.direct-online': 'En ligne',
  'conversation.direct-offline': 'Hors ligne',
  'conversation.typing.one': '{name} écrit…',
  'conversation.typing.two': '{first} et {second} écrivent…',
  'conversation.typing.many': '{count} personnes écrivent…',
  'conversation.reconnecting': 'Reconnexion… Les nouveaux messages arriveront au retour de la connexion.',
  'conversation.unread': 'Nouveaux messages',
  'conversation.jump-latest': 'Aller aux derniers messages',
  'conversation.new-below': '{count} nouveaux messages',
  'conversation.new-below#one': '1 nouveau message',
  'conversation.loading-older': 'Chargement des messages précédents…',
  'conversation.beginning': 'Début de la conversation.',
  'conversation.announce': 'Nouveau message de {name} : {text}',
  'conversation.today': 'Aujourd’hui',
  'conversation.yesterday': 'Hier',
  'message.edited': '(modifié)',
  'message.deleted': 'Ce message a été supprimé.',
  'message.replies': '{count} réponses',
  'message.replies#one': '1 réponse',
  'message.pending': 'Envoi…',
  'message.failed': 'Non envoyé.',
  'message.seen-by': 'Vu par {names}',
  'message.seen-by-more': 'Vu par {names} et {count} autres',
  'message.actions': 'Plus d’actions',
  'message.menu': 'Actions du message',
  'message.action.reply': 'Répondre dans le fil',
  'message.action.quote': 'Citer',
  'message.action.react': 'Réagir',
  'message.action.copy': 'Copier le texte',
  'message.action.edit': 'Modifier',
  'message.action.delete': 'Supprimer',
  'message.delete.title': 'Supprimer ce message ?',
  'message.delete.body': 'Il sera retiré pour tous les membres de la conversation.',
  'message.delete.confirm': 'Supprimer',
  'message.quote': 'Citation de {name}',
  'message.quote-deleted': 'Le message cité a été supprimé.',
  'message.attachment': 'Pièce jointe',
  'message.attachment.open': 'Ouvrir l’image {name}',
  'message.attachment.download': 'Télécharger {name}',
  'message.attachment.image': 'Image',
  'reactions.label': 'Réactions',
  'reactions.item': 'Réagir avec {emoji} : {count}',
  'reactions.add': 'Ajouter une réaction',
  'reactions.picker': 'Choisir une réaction',
  'reactions.more': 'Plus d’émojis',
  'thread.title': 'Fil',
  'thread.close': 'Fermer le fil',
  'thread.empty': 'Aucune réponse. Lancez le fil ci-dessous.',
  'thread.replies': '{count} réponses',
  'thread.replies#one': '1 réponse',
  'lightbox.label': 'Visionneuse d’images',
  'lightbox.close': 'Fermer la visionneuse',
  'lightbox.download': 'Télécharger',

};

const locales = new Map<string, StringTable>([
  ['en', en],
  ['fr', fr],
]);

/** Adds (or replaces) a locale's table; missing keys fall back to English. */
export function registerLocale(locale: string, table: StringTable): void {
  locales.set(locale.toLowerCase(), table);
}

/** The locales that have a table, e.g. for a language picker. */
export function availableLocales(): string[] {
  return [...locales.keys()];
}

/** Picks the table for `fr-CA` from `fr-ca`, then `fr`, else none. */
function tableFor(locale: string): StringTable | undefined {
  const lower = locale.toLowerCase();
  return locales.get(lower) ?? locales.get(lower.split('-')[0] ?? lower);
}

export interface TranslateOptions {
  /** BCP 47 tag; defaults to English. */
  locale?: string;
  /** Per-provider overrides; they win over the locale's table. */
  overrides?: StringTable;
}

function lookup(key: string, opts: TranslateOptions): string | undefined {
  const table = opts.locale ? tableFor(opts.locale) : undefined;
  return opts.overrides?.[key] ?? table?.[key] ?? (en as Record<string, string>)[key];
}

function pluralCategory(count: number, locale: string | undefined): string {
  try {
    return new Intl.PluralRules(locale ?? 'en').select(count);
  } catch {
    return new Intl.PluralRules('en').select(count);
  }
}

/**
 * Looks a string up and fills in `{params}`. Unknown keys render as the key
 * itself, which is visible in review but never crashes a render.
 */
export function t(
  key: StringKey | (string & {}),
  params?: StringParams,
  opts: TranslateOptions = {},
): string {
  let template: string | undefined;
  if (params && typeof params.count === 'number') {
    // An exact zero often reads better as "No …", so a `#zero` form wins.
    if (params.count === 0) template = lookup(`${key}#zero`, opts);
    template ??= lookup(`${key}#${pluralCategory(params.count, opts.locale)}`, opts);
  }
  template ??= lookup(key, opts) ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** A `t` bound to one locale and one set of overrides, as elements hold it. */
export type Translator = (key: StringKey | (string & {}), params?: StringParams) => string;

export function createTranslator(opts: TranslateOptions = {}): Translator {
  return (key, params) => t(key, params, opts);
}
