// Relais' house rules, by file name and folder (see docs/architecture.md):
//   src/<feature>/…-routes.ts → never a repo: routes call services
//   src/<feature>/…-repo.ts   → imported only inside its own room (the feature; core/<room>/ for core's repos)
//   another feature           → reached through its *service.ts files, its *schemas.ts contracts and its pure
//                               modules (files named neither repo, service nor routes: no repo import allowed there)
//   src/core/                 → never imports a feature (data flows one way)
//   SQL                       → only in *repo.ts files (a literal starting with select/insert/… passed to .query)
import path from 'node:path';

/** Where a file sits: its room (feature folder, or core/<sub>) and its kind by suffix; undefined outside src/. */
export function place(file) {
  const parts = file.split(path.sep).join('/').split('/');
  const i = parts.lastIndexOf('src');
  if (i < 0 || i === parts.length - 1) return undefined;
  const rel = parts.slice(i + 1);
  if (rel.length === 1) return { room: null, feature: null, kind: 'root', name: rel[0] };
  const feature = rel[0];
  const room = feature === 'core' && rel.length > 2 ? `core/${rel[1]}` : feature;
  const name = rel[rel.length - 1];
  const base = name.replace(/\.(test\.)?tsx?$/, '');
  const kind = /\.test\.tsx?$/.test(name)
    ? 'test'
    : /(^|[-.])repo$/.test(base)
      ? 'repo'
      : /(^|[-.])service$/.test(base)
        ? 'service'
        : /(^|[-.])routes$/.test(base)
          ? 'routes'
          : /(^|[-.])schemas$/.test(base)
            ? 'schemas'
            : 'module';
  return { room, feature, kind, name };
}

/** Folders whose files are not features: the core, assembly and tooling. */
const NOT_FEATURES = new Set(['core', 'cli', 'demo', 'web']);

function importsOf(node) {
  if (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') return node.source;
  if (node.type === 'ImportExpression') return node.source.type === 'Literal' ? node.source : null;
  return null;
}

const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'Routes → service → (pure, repo) → database; features meet through services only.' },
    schema: [],
    messages: {
      routeRepo: 'A route imports services, never a repo ({{target}}): call the feature’s service.',
      foreignRepo: 'A repo is private to its feature ({{target}}): reach {{feature}} through its *service.ts.',
      foreignModule: 'Another feature is reached only through its *service.ts files, not {{target}}.',
      coreFeature: 'core/ never imports a feature ({{target}}): data flows from features to core, not back.',
      pureIo: 'This module is named like pure logic but imports a repo ({{target}}): name it *-service.ts, or pass the data in.',
    },
  },
  create(context) {
    const me = place(context.filename);
    if (!me || me.kind === 'test') return {};
    const check = (node) => {
      const source = importsOf(node);
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = place(path.resolve(path.dirname(context.filename), source.value));
      if (!target) return;
      const data = { target: source.value, feature: target.feature };
      if (me.feature === 'core' && target.feature !== 'core' && target.room !== null) return context.report({ node: source, messageId: 'coreFeature', data });
      if (target.kind === 'repo' && me.kind === 'routes') return context.report({ node: source, messageId: 'routeRepo', data });
      if (target.kind === 'repo' && target.room !== me.room) return context.report({ node: source, messageId: 'foreignRepo', data });
      const crossFeature = me.feature !== target.feature && target.room !== null && !NOT_FEATURES.has(target.feature);
      const assembly = me.feature === null || NOT_FEATURES.has(me.feature);
      if (crossFeature && !assembly && !['service', 'schemas', 'module'].includes(target.kind)) {
        return context.report({ node: source, messageId: 'foreignModule', data });
      }
      if (me.kind === 'module' && !assembly && target.kind === 'repo' && !isTypeOnly(node)) {
        return context.report({ node: source, messageId: 'pureIo', data });
      }
    };
    return { ImportDeclaration: check, ExportAllDeclaration: check, ExportNamedDeclaration: check, ImportExpression: check };
  },
};

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  return node.type === 'ImportDeclaration' && node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type');
}

const SQL = /^\s*(select|insert|update|delete|with|create|alter|drop|lock|truncate)\b/i;

function literalText(arg) {
  if (!arg) return undefined;
  if (arg.type === 'Literal' && typeof arg.value === 'string') return arg.value;
  if (arg.type === 'TemplateLiteral') return arg.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

const sqlInRepos = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL lives in *repo.ts files.' },
    schema: [],
    messages: { sql: 'SQL outside a repo: move this statement into the feature’s *repo.ts.' },
  },
  create(context) {
    const me = place(context.filename);
    if (!me || me.kind === 'repo' || me.kind === 'test') return {};
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier' || callee.property.name !== 'query') return;
        const text = literalText(node.arguments[0]);
        if (text !== undefined && SQL.test(text)) context.report({ node, messageId: 'sql' });
      },
    };
  },
};

export default { meta: { name: 'relais' }, rules: { layering, 'sql-in-repos': sqlInRepos } };
