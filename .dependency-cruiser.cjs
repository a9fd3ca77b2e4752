/**
 * The layering of the monorepo, checked by `npm run lint` (dependency-cruiser).
 *
 * Between libs: apps use libs, never the reverse; core uses no other lib; identity does not know
 * the socket layer; a lib reaches another only through its index (`@plenary/<name>`); no cycles.
 * Inside a lib: its root files (module, access rules, index) assemble its folders, and folders
 * never import them back; folders depend one way, in the order below (a folder may use the
 * folders before it, not those after it).
 */
const FOLDER_LAYERS = {
  core: ['errors', 'config', 'events', 'ids', 'logging', 'pagination', 'validation', 'text'],
  database: ['writes', 'server', 'redis', 'repository'],
  mail: ['model', 'layout', 'transport', 'queue'],
  identity: [
    'access',
    'limits',
    'credentials',
    'users',
    'tokens',
    'throttling',
    'accounts',
    'verification',
    'auth',
    'sso',
  ],
  community: ['taxonomy', 'settings', 'profiles', 'groups'],
  forum: ['model', 'text', 'access', 'categories', 'reading', 'threads', 'search', 'live'],
  live: [
    'model',
    'shared',
    'codes',
    'roles',
    'access',
    'registrations',
    'events',
    'sessions',
    'questions',
    'polls',
    'reports',
    'forum-carry',
    'gateway',
  ],
  moderation: ['model', 'access', 'audit', 'flags'],
  notifications: ['model', 'preferences', 'notifications', 'sources', 'digests'],
  files: ['model', 'storage', 'types', 'records', 'owners', 'text', 'files', 'cleanup', 'accounts'],
  pledges: ['model', 'clusters', 'follows', 'pledges', 'updates', 'dashboard', 'settings'],
  consultations: ['model', 'access', 'consultations', 'comments', 'views'],
  library: [
    'model',
    'settings',
    'capabilities',
    'records',
    'access',
    'engine',
    'catalogue',
    'resources',
    'initiatives',
  ],
};

const folderRules = Object.entries(FOLDER_LAYERS).flatMap(([lib, layers]) =>
  layers.slice(0, -1).map((layer, index) => ({
    name: `${lib}-folders-one-way`,
    comment: `In ${lib}, ${layer}/ may use ${layers.slice(0, index).join(', ') || 'no other folder'}, not the folders after it`,
    severity: 'error',
    from: { path: `^libs/${lib}/src/${layer}/` },
    to: { path: `^libs/${lib}/src/(${layers.slice(index + 1).join('|')})/` },
  })),
);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No module may depend on itself through others',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'core-imports-no-other-lib',
      severity: 'error',
      from: { path: '^libs/core/' },
      to: { path: '^libs/(?!core/)' },
    },
    {
      name: 'identity-does-not-import-realtime',
      comment: 'Identity publishes account events; realtime subscribes to them',
      severity: 'error',
      from: { path: '^libs/identity/' },
      to: { path: '^libs/realtime/' },
    },
    {
      name: 'libs-only-through-their-index',
      comment: 'A lib reaches another only through @plenary/<name> (its src/index.ts)',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'folders-never-import-their-lib-root',
      comment: "A lib's folders never import its root files (module, access rules, index) back",
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/[^/]+/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/$1/src/[^/]+\\.ts$' },
    },
    {
      name: 'code-never-imports-tests',
      comment: 'Only specs use the test fixtures',
      severity: 'error',
      from: { path: '^(libs|apps)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'web-client-stands-alone',
      comment: 'The browser client talks to the server over HTTP and Socket.IO only: it imports no server code',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(libs|apps/api)/' },
    },
    {
      name: 'nothing-imports-the-web-client',
      severity: 'error',
      from: { path: '^(libs|apps/api|test)/' },
      to: { path: '^apps/web/' },
    },
    ...folderRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: false,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
