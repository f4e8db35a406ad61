/**
 * The strings of the composer, in every built-in locale. They
 * register with the shared tables when this module loads, so the initial
 * script of the CDN build carries only the core elements' strings.
 */
import { addStrings } from '../shared/strings.js';

export const composerEn = {
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
} as const satisfies Record<string, string>;

const composerFr: Partial<Record<keyof typeof composerEn, string>> = {
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
};

addStrings('en', composerEn);
addStrings('fr', composerFr);
