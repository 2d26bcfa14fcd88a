// Puppet's built-in resource types we know the attributes of, so that a
// misspelt attribute is Puppet's "no parameter named" error, not a silent
// drop. Types Puppet has but that are refused here are listed with why.

export const METAPARAMS = ['alias', 'audit', 'before', 'loglevel', 'noop', 'notify', 'require', 'schedule', 'stage', 'subscribe', 'tag', 'consume', 'export'];

export const BUILTIN_TYPES: Record<string, string[]> = {
  file: ['path', 'ensure', 'content', 'source', 'mode', 'owner', 'group', 'force', 'recurse', 'recurselimit', 'purge', 'backup', 'replace', 'target', 'links', 'checksum', 'checksum_value', 'ignore', 'selinux_ignore_defaults', 'seltype', 'selrole', 'seluser', 'selrange', 'show_diff', 'sourceselect', 'validate_cmd', 'validate_replacement', 'max_files', 'source_permissions', 'ctime', 'mtime', 'type', 'provider'],
  exec: ['command', 'creates', 'cwd', 'environment', 'group', 'logoutput', 'onlyif', 'path', 'provider', 'refresh', 'refreshonly', 'returns', 'timeout', 'tries', 'try_sleep', 'umask', 'unless', 'user'],
  service: ['name', 'ensure', 'enable', 'hasrestart', 'hasstatus', 'pattern', 'provider', 'restart', 'start', 'status', 'stop', 'binary', 'control', 'flags', 'manifest', 'path', 'timeout', 'logonaccount', 'logonpassword'],
  package: ['name', 'ensure', 'provider', 'source', 'install_options', 'uninstall_options', 'adminfile', 'responsefile', 'allow_virtual', 'allowcdrom', 'configfiles', 'category', 'description', 'flavor', 'instance', 'platform', 'root', 'status', 'vendor', 'package_settings', 'reinstall_on_refresh', 'install_only', 'mark', 'enable_only'],
  notify: ['name', 'message', 'withpath'],
  user: ['name', 'ensure', 'uid', 'gid', 'groups', 'home', 'shell', 'comment', 'managehome', 'password', 'system', 'membership', 'purge_ssh_keys', 'expiry', 'allowdupe', 'forcelocal', 'provider'],
  group: ['name', 'ensure', 'gid', 'members', 'system', 'allowdupe', 'forcelocal', 'auth_membership', 'provider'],
  host: ['name', 'ensure', 'ip', 'host_aliases', 'comment', 'target', 'provider'],
  cron: ['name', 'ensure', 'command', 'user', 'minute', 'hour', 'monthday', 'month', 'weekday', 'special', 'environment', 'target', 'provider'],
  mount: ['name', 'ensure', 'device', 'fstype', 'options', 'dump', 'pass', 'atboot', 'remounts', 'target', 'provider'],
  ssh_authorized_key: ['name', 'ensure', 'key', 'type', 'user', 'options', 'target', 'provider'],
  tidy: ['path', 'age', 'backup', 'matches', 'recurse', 'rmdirs', 'size', 'type', 'max_files'],
};

/** Puppet types that exist but are outside the subset, with the reason. */
export const REFUSED_TYPES: Record<string, string> = {
  stage: 'run stages (`stage`) are outside the subset',
  resources: 'the `resources` meta-type (purging unmanaged resources) is outside the subset',
  schedule: 'schedules are outside the subset',
  filebucket: 'filebuckets are outside the subset',
};
