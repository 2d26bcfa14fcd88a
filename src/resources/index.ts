// Every resource kind the language knows, by kind name (`file`,
// `http:server:ui:input`, the internal `_panic`).

import type { KindDef } from './kind.js';
import { kind as augeas } from './augeas.js';
import { kind as awsEc2 } from './aws-ec2.js';
import { kind as bmcFirmware } from './bmc-firmware.js';
import { kind as bmcPower } from './bmc-power.js';
import { kind as consulKv } from './consul-kv.js';
import { kind as cron } from './cron.js';
import { kind as deployTar } from './deploy-tar.js';
import { kind as dhcpHost } from './dhcp-host.js';
import { kind as dhcpRange } from './dhcp-range.js';
import { kind as dhcpServer } from './dhcp-server.js';
import { kind as dockerContainer } from './docker-container.js';
import { kind as dockerImage } from './docker-image.js';
import { kind as exec } from './exec.js';
import { kind as exit } from './exit.js';
import { kind as file } from './file.js';
import { kind as firewalld } from './firewalld.js';
import { kind as fwattr } from './fwattr.js';
import { kind as fwupdDevice } from './fwupd-device.js';
import { kind as fwupdRemote } from './fwupd-remote.js';
import { kind as fwupdSystem } from './fwupd-system.js';
import { kind as group } from './group.js';
import { kind as gsettings } from './gsettings.js';
import { kind as gzip } from './gzip.js';
import { kind as hetznerVm } from './hetzner-vm.js';
import { kind as hostname } from './hostname.js';
import { kind as httpClient } from './http-client.js';
import { kind as httpServer } from './http-server.js';
import { kind as httpServerFile } from './http-server-file.js';
import { kind as httpServerFlag } from './http-server-flag.js';
import { kind as httpServerProxy } from './http-server-proxy.js';
import { kind as httpServerUi } from './http-server-ui.js';
import { kind as httpServerUiInput } from './http-server-ui-input.js';
import { kind as jsonEdit } from './json-edit.js';
import { kind as kv } from './kv.js';
import { kind as line } from './line.js';
import { kind as mount } from './mount.js';
import { kind as msg } from './msg.js';
import { kind as net } from './net.js';
import { kind as noop } from './noop.js';
import { kind as nspawn } from './nspawn.js';
import { kind as panic } from './panic.js';
import { kind as password } from './password.js';
import { kind as pkg } from './pkg.js';
import { kind as print } from './print.js';
import { kind as remote } from './remote.js';
import { kind as schedule } from './schedule.js';
import { kind as sshAuthorizedKey } from './ssh-authorized_key.js';
import { kind as svc } from './svc.js';
import { kind as sysctl } from './sysctl.js';
import { kind as tar } from './tar.js';
import { kind as test } from './test.js';
import { kind as tftpFile } from './tftp-file.js';
import { kind as tftpServer } from './tftp-server.js';
import { kind as timer } from './timer.js';
import { kind as user } from './user.js';
import { kind as value } from './value.js';
import { kind as virt } from './virt.js';
import { kind as virtBuilder } from './virt-builder.js';
import { kind as virtNetwork } from './virt-network.js';
import { kind as virtNetworkHost } from './virt-network-host.js';
import { kind as virtNetworkRange } from './virt-network-range.js';

const ALL: KindDef[] = [
  augeas,
  awsEc2,
  bmcFirmware,
  bmcPower,
  consulKv,
  cron,
  deployTar,
  dhcpHost,
  dhcpRange,
  dhcpServer,
  dockerContainer,
  dockerImage,
  exec,
  exit,
  file,
  firewalld,
  fwattr,
  fwupdDevice,
  fwupdRemote,
  fwupdSystem,
  group,
  gsettings,
  gzip,
  hetznerVm,
  hostname,
  httpClient,
  httpServer,
  httpServerFile,
  httpServerFlag,
  httpServerProxy,
  httpServerUi,
  httpServerUiInput,
  jsonEdit,
  kv,
  line,
  mount,
  msg,
  net,
  noop,
  nspawn,
  panic,
  password,
  pkg,
  print,
  remote,
  schedule,
  sshAuthorizedKey,
  svc,
  sysctl,
  tar,
  test,
  tftpFile,
  tftpServer,
  timer,
  user,
  value,
  virt,
  virtBuilder,
  virtNetwork,
  virtNetworkHost,
  virtNetworkRange,
];

export const KINDS: ReadonlyMap<string, KindDef> = new Map(ALL.map((k) => [k.kind, k]));

export function getKind(kind: string): KindDef | undefined {
  return KINDS.get(kind);
}
