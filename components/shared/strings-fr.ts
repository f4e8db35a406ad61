/**
 * The French table of the core elements (inbox, avatar, launcher). It loads
 * when a provider first asks for French (see `loadLocale`), so pages in
 * other languages never download it; the chat and composer bring their own
 * French strings with their code.
 */
import type { StringTable } from './strings.js';

const fr: StringTable = {
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
  'launcher.title': 'Discussion',
  'launcher.open': 'Ouvrir la discussion',
  'launcher.open-unread': 'Ouvrir la discussion, {count} messages non lus',
  'launcher.open-unread#one': 'Ouvrir la discussion, {count} message non lu',
  'launcher.open-unread#many': 'Ouvrir la discussion, {count} de messages non lus',
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
  'inbox.unread#one': '{count} message non lu',
  'inbox.unread#many': '{count} de messages non lus',
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
};

export default fr;
