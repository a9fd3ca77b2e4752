/** Access subjects of pledges. */
export const PLEDGE = 'Pledge';
/** The configurable list of pledge clusters (a platform setting admins change). */
export const PLEDGE_CLUSTERS = 'PledgeClusters';

/** Who made a pledge: a Member State, or an organisation (UN entity, civil society, academia…). */
export const PLEDGER_KINDS = ['member_state', 'organisation'] as const;
export type PledgerKind = (typeof PLEDGER_KINDS)[number];

/** A pledge's life: planned, in progress, then realised or discontinued. Any status may follow any other. */
export const PLEDGE_STATUSES = ['planned', 'in_progress', 'realised', 'discontinued'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

/** A cluster: a stable key, and its label in each interface language. */
export interface PledgeCluster {
  key: string;
  label: { en: string; fr: string; es: string };
}

/** The clusters a fresh platform starts with (the GCM pledging clusters). */
export const DEFAULT_PLEDGE_CLUSTERS: readonly PledgeCluster[] = [
  {
    key: 'climate-change',
    label: {
      en: 'Climate change and migration',
      fr: 'Changements climatiques et migration',
      es: 'Cambio climático y migración',
    },
  },
  { key: 'funding', label: { en: 'Funding', fr: 'Financement', es: 'Financiación' } },
  {
    key: 'international-cooperation',
    label: { en: 'International cooperation', fr: 'Coopération internationale', es: 'Cooperación internacional' },
  },
  {
    key: 'national-implementation-plans',
    label: {
      en: 'National implementation plans',
      fr: 'Plans nationaux de mise en œuvre',
      es: 'Planes nacionales de implementación',
    },
  },
  {
    key: 'return-reintegration',
    label: { en: 'Return and reintegration', fr: 'Retour et réintégration', es: 'Retorno y reintegración' },
  },
];

/** How many representatives a pledge may name, evidence links and files an update may carry. */
export const MAX_REPRESENTATIVES = 20;
export const MAX_EVIDENCE_LINKS = 20;
export const MAX_EVIDENCE_FILES = 20;
/** The latest progress updates the dashboard shows. */
export const DASHBOARD_LATEST_UPDATES = 10;
