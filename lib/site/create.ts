/** The content of a new pxe-site.json from a few answers (used by the editor's wizard and tests). */
import { inSubnet } from '../core/ipv4';

export interface SiteAnswers {
  name: string;
  subnet: string;
  router: string;
  nas: string;
  tftpRoot: string;
  httpPath: string;
}

export const DEFAULT_ANSWERS: SiteAnswers = {
  name: 'home-lab',
  subnet: '192.168.255.0/24',
  router: '192.168.255.1',
  nas: '192.168.255.2',
  tftpRoot: 'tftp',
  httpPath: '/tftp/',
};

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = new RegExp(`^(${OCTET}\\.){3}${OCTET}$`);

/** An error message for a bad answer (what to type instead), or undefined when it is fine. */
export function checkAnswer(
  field: keyof SiteAnswers,
  value: string,
  answers: Partial<SiteAnswers> = {},
): string | undefined {
  const v = value.trim();
  switch (field) {
    case 'name':
      return v ? undefined : 'Give the site a name, e.g. home-lab.';
    case 'subnet': {
      const [ip, bits] = v.split('/');
      if (!ip || !IPV4.test(ip) || !bits || !/^\d+$/.test(bits) || Number(bits) > 32)
        return 'Type a network such as 192.168.255.0/24.';
      return undefined;
    }
    case 'router':
    case 'nas': {
      if (!IPV4.test(v)) return 'Type an IPv4 address such as 192.168.255.2.';
      const subnet = answers.subnet;
      if (subnet && !checkAnswer('subnet', subnet) && !inSubnet(v, subnet))
        return `${v} is not inside ${subnet}: PXE clients could not reach it.`;
      return undefined;
    }
    case 'tftpRoot':
      if (!v || v.startsWith('/') || v.includes('..')) return 'Type a folder inside the workspace, e.g. tftp.';
      return undefined;
    case 'httpPath':
      return /^\/(\S*\/)?$/.test(v) ? undefined : 'Type a URL path that starts and ends with /, e.g. /tftp/.';
  }
}

export function buildSiteFile(answers: SiteAnswers): string {
  const site = {
    version: 1,
    name: answers.name.trim(),
    network: { subnet: answers.subnet.trim(), router: answers.router.trim(), nas: answers.nas.trim() },
    tftp: { root: answers.tftpRoot.trim(), server: answers.nas.trim() },
    http: { baseUrl: `http://${answers.nas.trim()}${answers.httpPath.trim()}`, root: answers.tftpRoot.trim() },
    targets: {
      nas: {
        kind: 'synology',
        host: answers.nas.trim(),
        port: 22,
        user: 'admin',
        remoteRoot: `/volume1/docker/${answers.tftpRoot.trim()}`,
      },
      router: { kind: 'mikrotik', host: answers.router.trim(), port: 22, user: 'admin', apiTls: true },
    },
    vm: { firmware: 'bios', memoryMiB: 2048 },
  };
  return `${JSON.stringify(site, null, 2)}\n`;
}
