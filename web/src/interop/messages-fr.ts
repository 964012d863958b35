/** French texts of the "open doors" screens (calendar feed, webhooks, API clients, online booking). */
export const interopFr = {
  'nav.icsFeed': 'Abonnement agenda',
  'ics.title': 'Abonner mon calendrier à mon agenda Relais',
  'ics.intro':
    'Une adresse secrète que votre calendrier (Apple Calendrier, Google Agenda, Outlook, Thunderbird…) consulte régulièrement. Les déplacements et annulations y apparaissent automatiquement.',
  'ics.label': 'Ce que le calendrier affiche du patient',
  'ics.label.full_name': 'Nom complet',
  'ics.label.initials': 'Initiales',
  'ics.label.none': 'Rien (motif seulement)',
  'ics.none': "Vous n'avez pas encore d'adresse d'abonnement.",
  'ics.create': 'Créer mon adresse d’abonnement',
  'ics.renew': 'Remplacer par une nouvelle adresse',
  'ics.revoke': 'Révoquer l’adresse',
  'ics.active': 'Adresse active depuis le {date}.',
  'ics.lastRead': 'Dernière lecture par votre calendrier : {date}.',
  'ics.neverRead': 'Votre calendrier ne l’a pas encore lue.',
  'ics.url': 'Votre adresse secrète (affichée une seule fois : copiez-la maintenant)',
  'ics.copy': 'Copier',
  'ics.copied': 'Copiée',
  'ics.secret': 'Quiconque connaît cette adresse voit votre agenda : ne la partagez pas. En cas de doute, remplacez-la.',
  'ics.revoked': 'Adresse révoquée : votre calendrier ne reçoit plus votre agenda.',
  'ics.saved': 'Enregistré.',
} as const satisfies Record<string, string>;
