// Remote targets: `ssh://user[:password]@host[:port][/path/to/code]`.

export interface Target {
  user: string;
  password?: string;
  host: string;
  port: number;
  /** Local path of the code to run there (the URL's path), if any. */
  path?: string;
  /** `host` or `[host]:port`, as known_hosts and messages name it. */
  label: string;
}

export function parseTarget(raw: string, defaultUser = process.env.USER || 'root'): Target {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`not a remote URL: \`${raw}\` (expected ssh://user@host:port/path/to/site.mcl)`);
  }
  if (u.protocol !== 'ssh:') throw new Error(`not an ssh:// URL: \`${raw}\``);
  if (!u.hostname) throw new Error(`no host in \`${raw}\``);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = u.port ? Number(u.port) : 22;
  const path = u.pathname && u.pathname !== '/' ? decodeURIComponent(u.pathname) : undefined;
  return {
    user: u.username ? decodeURIComponent(u.username) : defaultUser,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    host,
    port,
    path,
    label: port === 22 ? host : `[${host}]:${port}`,
  };
}
