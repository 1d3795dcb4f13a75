/**
 * The server's import rules (ARCHITECTURE.md explains each tier). A module may import its own
 * files and modules of a lower tier, never one of the same or a higher tier; cross-module
 * reactions go through the event bus in common. Checked in CI by `npm run check:deps`.
 */
const S = '^server/src/';
// Lowest first. A module of tier n may import modules of tiers < n (and itself).
const TIERS = [
  ['config'],
  ['database'],
  ['common'],
  // payments: WeChat Pay v3 orders, notifications and refunds for any feature (hooks registered by purpose).
  ['calendar', 'wechat', 'health', 'storage', 'payments'],
  // Encryption, keyed hashes, consents, the personal-data registry; rights requests count working days (calendar).
  ['privacy'],
  ['identity'],
  ['catalog'],
  ['publishing'],
  // Channels out: parents' messages, staff's 公众号, the public web (pages, feeds) and the county portal.
  // zoning: school zones per year, their import and the address lookup (reads catalog for its 划片 notice).
  ['push', 'official-account', 'public-web', 'portal', 'zoning'],
  // disclosure: 依申请公开 (requests, fees paid through payments, reply letters); beside inquiries, whose patterns it shares.
  ['inquiries', 'disclosure'],
  // reports: the yearly 政府信息公开工作年度报告 reads every feature's exported figures and writes its notice through catalog.
  // search: one box over catalog's notices, inquiries' public Q&A and zoning's lookup, through their exported services.
  ['reports', 'search'],
  ['demo'],
  // The composition root (app.module, app, main, cli, entities) and the OpenAPI document sit above all.
  ['openapi'],
];
// A module's folder; official-account sits inside wechat/ but is a feature of its own.
const PATH = {
  wechat: 'wechat/(?!official-account/)',
  'official-account': 'wechat/official-account/',
  database: 'database/(?!demo/)',
  demo: '(demo|database/demo)/',
};
const dir = (m) => S + (PATH[m] ?? `${m}/`);
const FEATURES = TIERS.flat();

const tierRules = TIERS.flatMap((tier, n) =>
  tier.filter(() => n < TIERS.length - 1).map((m) => ({
    name: `tier-${m}`,
    comment: `${m} imports only modules below it (${TIERS.slice(0, n).flat().join(', ') || 'nothing of the server'}), never one of its own tier or above`,
    severity: 'error',
    from: { path: dir(m) },
    to: { path: TIERS.slice(n).flat().filter((o) => o !== m).map(dir) },
  })),
);

module.exports = {
  forbidden: [
    ...tierRules,
    {
      name: 'shared-stands-alone',
      comment: 'shared is used by the server and the mini-program and imports neither',
      severity: 'error',
      from: { path: '^shared/src/' },
      to: { path: '^(server|miniprogram)/' },
    },
    {
      name: 'miniprogram-not-server',
      comment: 'the mini-program reaches the server through HTTP and shared types only',
      severity: 'error',
      from: { path: '^miniprogram/src/' },
      to: { path: '^server/' },
    },
    {
      name: 'no-foreign-repository',
      comment: 'a module reaches another through its exported services, never its repository',
      severity: 'error',
      from: { path: S + '([^/]+)/' },
      to: { path: '\\.repository\\.ts$', pathNot: [S + '$1/'] },
    },
    {
      name: 'no-foreign-entities',
      comment: "a module's services and controllers reach another module through its exported services; only entities (relations) and repositories (joins) name another module's entities",
      severity: 'error',
      from: { path: S + '([^/]+)/', pathNot: ['\\.repository\\.ts$', '\\.entity\\.ts$', S + 'database/', S + '(demo|database/demo)/'] },
      to: { path: '/entities/|\\.entity\\.ts$', pathNot: [S + '$1/'] },
    },
    {
      name: 'queries-in-repositories',
      comment: 'only repositories, entities, migrations and the database module use TypeORM values (type-only imports are fine)',
      severity: 'error',
      // The demo writes its fixed rows directly, as a migration would; the composition root wires TypeORM.
      from: { path: S, pathNot: ['\\.repository\\.ts$', '\\.entity\\.ts$', '/entities/', S + 'database/', S + 'demo/', S + '[^/]+\\.ts$', '\\.spec\\.ts$'] },
      to: { path: 'node_modules/typeorm/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'one-data-access-style',
      comment: 'repositories query through Db (database/db.ts); nothing else injects a DataSource or a TypeORM Repository',
      severity: 'error',
      from: { path: S, pathNot: [S + 'database/', S + '[^/]+\\.ts$'] },
      to: { path: 'node_modules/@nestjs/typeorm/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: S },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },

};
