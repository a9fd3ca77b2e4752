/**
 * The GCM taxonomy, kept as a TypeScript module so that builds and tests load it without
 * JSON-module support. Seeded at boot if absent.
 * Source: Global Compact for Safe, Orderly and Regular Migration (UN General Assembly resolution 73/195); short labels as used by the Migration Network Hub in English, French and Spanish.
 * Long titles exist in English only: French and Spanish ones will be added from the official UN
 * texts of resolution 73/195, never translated here.
 */
export const GCM_TAXONOMY = {
  objectives: [
    {
      number: 1,
      short: {
        en: 'Data',
        fr: 'Données',
        es: 'Datos',
      },
      title: {
        en: 'Collect and utilize accurate and disaggregated data as a basis for evidence-based policies',
      },
    },
    {
      number: 2,
      short: {
        en: 'Minimize adverse drivers',
        fr: 'Lutter contre les facteurs négatifs',
        es: 'Minimizar factores adversos',
      },
      title: {
        en: 'Minimize the adverse drivers and structural factors that compel people to leave their country of origin',
      },
    },
    {
      number: 3,
      short: {
        en: 'Information provision',
        fr: 'Fourniture d’informations',
        es: 'Proporcionar información',
      },
      title: {
        en: 'Provide accurate and timely information at all stages of migration',
      },
    },
    {
      number: 4,
      short: {
        en: 'Legal identity and documentation',
        fr: 'Identité légale et papiers',
        es: 'Identidad jurídica y documentación',
      },
      title: {
        en: 'Ensure that all migrants have proof of legal identity and adequate documentation',
      },
    },
    {
      number: 5,
      short: {
        en: 'Regular pathways',
        fr: 'Filières de migration régulière',
        es: 'Vías de migración regular',
      },
      title: {
        en: 'Enhance availability and flexibility of pathways for regular migration',
      },
    },
    {
      number: 6,
      short: {
        en: 'Recruitment and decent work',
        fr: 'Recrutement et travail décent',
        es: 'Contratación y trabajo decente',
      },
      title: {
        en: 'Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work',
      },
    },
    {
      number: 7,
      short: {
        en: 'Reduce vulnerabilities',
        fr: 'Réduire la vulnérabilité',
        es: 'Reducir vulnerabilidades',
      },
      title: {
        en: 'Address and reduce vulnerabilities in migration',
      },
    },
    {
      number: 8,
      short: {
        en: 'Save lives',
        fr: 'Sauver des vies',
        es: 'Salvar vidas',
      },
      title: {
        en: 'Save lives and establish coordinated international efforts on missing migrants',
      },
    },
    {
      number: 9,
      short: {
        en: 'Counter smuggling',
        fr: 'Combattre le trafic de migrants',
        es: 'Combatir el tráfico de migrantes',
      },
      title: {
        en: 'Strengthen the transnational response to smuggling of migrants',
      },
    },
    {
      number: 10,
      short: {
        en: 'Eradicate trafficking',
        fr: 'Éradiquer la traite de personnes',
        es: 'Erradicar la trata de personas',
      },
      title: {
        en: 'Prevent, combat and eradicate trafficking in persons in the context of international migration',
      },
    },
    {
      number: 11,
      short: {
        en: 'Manage borders',
        fr: 'Gérer les frontières',
        es: 'Gestión de fronteras',
      },
      title: {
        en: 'Manage borders in an integrated, secure and coordinated manner',
      },
    },
    {
      number: 12,
      short: {
        en: 'Screening and referral',
        fr: 'Contrôle, évaluation et orientation',
        es: 'Verificación de antecedentes y derivación',
      },
      title: {
        en: 'Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and referral',
      },
    },
    {
      number: 13,
      short: {
        en: 'Alternatives to detention',
        fr: 'Alternatives à la rétention',
        es: 'Alternativas a la detención',
      },
      title: {
        en: 'Use migration detention only as a measure of last resort and work towards alternatives',
      },
    },
    {
      number: 14,
      short: {
        en: 'Consular protection',
        fr: 'Protection consulaire',
        es: 'Protección consular',
      },
      title: {
        en: 'Enhance consular protection, assistance and cooperation throughout the migration cycle',
      },
    },
    {
      number: 15,
      short: {
        en: 'Access to basic services',
        fr: 'Accès aux services de base',
        es: 'Acceso a los servicios básicos',
      },
      title: {
        en: 'Provide access to basic services for migrants',
      },
    },
    {
      number: 16,
      short: {
        en: 'Inclusion and social cohesion',
        fr: 'Intégration et cohésion sociale',
        es: 'Inclusión y cohesión social',
      },
      title: {
        en: 'Empower migrants and societies to realize full inclusion and social cohesion',
      },
    },
    {
      number: 17,
      short: {
        en: 'Eliminate discrimination',
        fr: 'Éliminer les discriminations',
        es: 'Eliminar la discriminación',
      },
      title: {
        en: 'Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of migration',
      },
    },
    {
      number: 18,
      short: {
        en: 'Skills development and recognition',
        fr: 'Perfectionnement et reconnaissance des qualifications',
        es: 'Desarrollo y reconocimiento de competencias',
      },
      title: {
        en: 'Invest in skills development and facilitate mutual recognition of skills, qualifications and competences',
      },
    },
    {
      number: 19,
      short: {
        en: 'Migrant and diaspora contributions',
        fr: 'Contributions des migrants et diaspora',
        es: 'Contribución de migrantes y diásporas',
      },
      title: {
        en: 'Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries',
      },
    },
    {
      number: 20,
      short: {
        en: 'Remittances',
        fr: 'Envois de fonds',
        es: 'Remesas',
      },
      title: {
        en: 'Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants',
      },
    },
    {
      number: 21,
      short: {
        en: 'Dignified return and reintegration',
        fr: 'Retour digne et réintégration durable',
        es: 'Retorno y reintegración dignos',
      },
      title: {
        en: 'Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration',
      },
    },
    {
      number: 22,
      short: {
        en: 'Social protection',
        fr: 'Protection sociale',
        es: 'Protección social',
      },
      title: {
        en: 'Establish mechanisms for the portability of social security entitlements and earned benefits',
      },
    },
    {
      number: 23,
      short: {
        en: 'International cooperation',
        fr: 'Coopération internationale',
        es: 'Cooperación internacional',
      },
      title: {
        en: 'Strengthen international cooperation and global partnerships for safe, orderly and regular migration',
      },
    },
  ],
  guidingPrinciples: [
    {
      key: 'people-centred',
      name: {
        en: 'People-centred',
        fr: 'Priorité à la dimension humaine',
        es: 'Centrada en las personas',
      },
    },
    {
      key: 'international-cooperation',
      name: {
        en: 'International cooperation',
        fr: 'Coopération internationale',
        es: 'Cooperación internacional',
      },
    },
    {
      key: 'national-sovereignty',
      name: {
        en: 'National sovereignty',
        fr: 'Souveraineté nationale',
        es: 'Soberanía nacional',
      },
    },
    {
      key: 'rule-of-law',
      name: {
        en: 'Rule of law and due process',
        fr: 'Primauté du droit et garanties d’une procédure régulière',
        es: 'Estado de derecho y garantías procesales',
      },
    },
    {
      key: 'sustainable-development',
      name: {
        en: 'Sustainable development',
        fr: 'Développement durable',
        es: 'Desarrollo sostenible',
      },
    },
    {
      key: 'human-rights',
      name: {
        en: 'Human rights',
        fr: 'Droits de l’homme',
        es: 'Derechos humanos',
      },
    },
    {
      key: 'gender-responsive',
      name: {
        en: 'Gender-responsive',
        fr: 'Prise en compte de la problématique femmes-hommes',
        es: 'Perspectiva de género',
      },
    },
    {
      key: 'child-sensitive',
      name: {
        en: 'Child-sensitive',
        fr: 'Adaptation aux besoins de l’enfant',
        es: 'Perspectiva infantil',
      },
    },
    {
      key: 'whole-of-government',
      name: {
        en: 'Whole-of-government approach',
        fr: 'Approche mobilisant l’ensemble des pouvoirs publics',
        es: 'Enfoque pangubernamental',
      },
    },
    {
      key: 'whole-of-society',
      name: {
        en: 'Whole-of-society approach',
        fr: 'Approche mobilisant l’ensemble de la société',
        es: 'Enfoque pansocial',
      },
    },
  ],
  regions: [
    {
      key: 'africa',
      name: {
        en: 'Africa',
        fr: 'Afrique',
        es: 'África',
      },
    },
    {
      key: 'americas',
      name: {
        en: 'Americas',
        fr: 'Amériques',
        es: 'Américas',
      },
    },
    {
      key: 'asia',
      name: {
        en: 'Asia',
        fr: 'Asie',
        es: 'Asia',
      },
    },
    {
      key: 'europe',
      name: {
        en: 'Europe',
        fr: 'Europe',
        es: 'Europa',
      },
    },
    {
      key: 'oceania',
      name: {
        en: 'Oceania',
        fr: 'Océanie',
        es: 'Oceanía',
      },
    },
  ],
} as const;
