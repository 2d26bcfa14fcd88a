// file: manages a file or directory (a path ending in `/`): its existence,
// content (from a string, a source path, or fragments), owner, group, mode,
// and SELinux context.

import type { AutoEdgeRequest, KindDef, ResourceSpec, Uid } from './kind.js';
import { FileResource } from './file/resource.js';
import { cmpParams, fileUid, getBool, getStr, getStrList, getStrPtr, has, isDirPath, param, parentDirs } from './common.js';

const params = [
  param('path', 'str', 'the absolute path; default: the resource name; ends in `/` for a directory'),
  param('dirname', 'str', 'overrides the directory part of the path; must end in `/`'),
  param('basename', 'str', 'overrides the last part of the path; must not start with `/`'),
  param('state', 'str', '`exists`, `absent`, or empty (default: leave existence alone)', { oneOf: ['exists', 'absent', ''] }),
  param('content', 'str', 'the exact content; unset leaves it alone (a pointer: "" empties the file)', { ptr: true }),
  param('source', 'str', 'copy content from this path (a directory if it ends in `/`); with symlink, the link target'),
  param('fragments', '[]str', 'build the content by concatenating these absolute paths; a directory entry means its files, sorted'),
  param('owner', 'str', 'the owning user name or uid'),
  param('group', 'str', 'the owning group name or gid'),
  param('mode', 'str', 'permissions: octal (`0644`) or symbolic (`u=rw,go=r`)'),
  param('recurse', 'bool', 'for directories: manage everything below too; default false'),
  param('force', 'bool', 'replace a file with a directory or the reverse when needed; default false'),
  param('purge', 'bool', 'with recurse: remove unmanaged files from the directory; default false'),
  param('symlink', 'bool', 'make the path a symlink to source; default false'),
  param('selinux', 'str', 'the SELinux context (`user:role:type:level`); unset leaves it alone', { field: 'SELinux', ptr: true }),
];

/** The path the resource manages: `path` (or the name) with the dirname/basename overrides. */
export function filePath(res: ResourceSpec): string {
  const p = getStr(res, 'path') || res.name;
  const dir = getStr(res, 'dirname');
  const base = getStr(res, 'basename');
  if (dir === '' && base === '') return p;
  const trimmed = p.endsWith('/') ? p.slice(0, -1) : p;
  const i = trimmed.lastIndexOf('/');
  const d = i < 0 ? '' : trimmed.slice(0, i + 1);
  const b = p.slice(d.length);
  return (dir || d) + (base || b);
}

/** Octal (`0644`, `755`) or symbolic (`u=rw,go=r`, `a+x`, `g=u`) modes. */
export function isValidMode(mode: string): boolean {
  if (/^[0-7]{1,4}$/.test(mode)) return true;
  return mode.split(',').every((clause) => /^[ugoa]*(?:[-+=](?:[rwxXst]*|[ugo]))+$/.test(clause));
}

const byParams = cmpParams(params, (p, a, b) =>
  // Both set but different reads differently from one set and one not.
  p.name === 'content' && getStrPtr(a, 'content') !== undefined && getStrPtr(b, 'content') !== undefined ? 'the contents of Content differ' : undefined,
);

export const kind: KindDef = {
  kind: 'file',
  doc: 'Manages a file or directory: existence, content, owner, group, mode and SELinux context.',
  params,
  recv: true,
  validate(res: ResourceSpec) {
    const path = filePath(res);
    if (path === '') return 'path is empty';
    const dirname = getStr(res, 'dirname');
    if (dirname !== '' && !dirname.endsWith('/')) return 'dirname must end with a slash';
    if (getStr(res, 'basename').startsWith('/')) return 'basename must not start with a slash';
    if (!path.startsWith('/')) return 'resultant path must be absolute';
    const state = getStr(res, 'state');
    if (state !== 'exists' && state !== 'absent' && state !== '') return 'the State is invalid';

    const isContent = has(res, 'content');
    const source = getStr(res, 'source');
    const isSrc = source !== '';
    const frags = getStrList(res, 'fragments');
    const isFrag = frags.length > 0;
    const isDir = isDirPath(path);
    const recurse = getBool(res, 'recurse');
    const purge = getBool(res, 'purge');
    const symlink = getBool(res, 'symlink');

    if (Number(isContent) + Number(isSrc) + Number(isFrag) > 1) return 'can only specify one of Content, Source, and Fragments';
    if (state === 'absent' && (isContent || isSrc || isFrag)) return "can't specify file Content, Source, or Fragments when State is absent";
    if (state === 'absent' && has(res, 'selinux')) return "can't specify SELinux when State is absent";
    if (isDir && (isContent || isFrag)) return "can't use Content or Fragments with a directory";
    if (isSrc && !symlink && isDir !== isDirPath(source)) return 'the path and Source must either both be dirs or both not be';
    if (isSrc && !symlink && isDirPath(source) && !recurse) return "you'll want to Recurse when you have a Source dir to copy";
    if (purge && !recurse) return "you'll want to Recurse when you have a Purge to do";
    if (purge && (isContent || isFrag)) return "can't use Purge with Content or Fragments";
    for (const frag of frags) {
      if (!frag.startsWith('/')) return `the frag (\`${frag}\`) isn't an absolute path`;
      if (isDirPath(frag) && path.startsWith(frag)) return `inside a frag (\`${frag}\`)`;
    }
    if (symlink) {
      if (state === 'exists' && !isSrc) return "can't create a symlink without a Source";
      if (isContent || isFrag) return "can't use Content or Fragments with Symlink";
      if (recurse || purge) return "can't use Recurse or Purge with Symlink";
    }
    const mode = getStr(res, 'mode');
    if (mode !== '' && !isValidMode(mode)) return `Mode should be an octal number or symbolic mode (${mode})`;
    // Owner/group existence is checked when the resource runs: `check` has no host access.
    return undefined;
  },
  cmp: byParams,
  uids: (res): Uid[] => [fileUid(filePath(res))],
  // Fragments first, each on its own; then the nearest managed parent directory only.
  autoEdges(res): AutoEdgeRequest[] {
    const reqs: AutoEdgeRequest[] = getStrList(res, 'fragments').map((f) => ({ uids: [fileUid(f)], direction: 'before-me', firstOnly: true }));
    const dirs = parentDirs(filePath(res));
    if (dirs.length > 0) reqs.push({ uids: dirs.map(fileUid), direction: 'before-me', firstOnly: true });
    return reqs;
  },
  create: (spec) => new FileResource(spec),
};
