/** `pxe-workbench` command line: the same checks as the editor, for scripts and CI. */
import { Command, CommanderError, Option } from 'commander';
import { relative, resolve } from 'node:path';
import { treeFromInspect, useTree } from '../../lib/languages';
import { InputError, lintPaths } from '../../lib/engine';
import { LEVELS, type Level } from '../../lib/core';
import { escapeControl, MAX_TREE_BYTES, parseJsonCapped, readTextOrThrow, UntrustedInputError } from '../../lib/core';
import { chainCommand, type ChainOptions } from './chain';
import { deployCommand, type DeployCliOptions } from './deploy';
import { siteFileFor } from './input';
import { routerPullCommand } from './router';
import { vmCommand, type VmCliOptions } from './vm';
import { nodesGenerateCommand, type NodesCliOptions } from './nodes';
import { imagesUpdateCommand, type ImagesOptions } from './images';
import { fmtCommand } from './fmt';
import { butaneCommand, type ButaneCliOptions } from './butane';
import { ignitionDecodeCommand, ignitionEncodeCommand, ignitionValidateCommand } from './ignition';
import { grubLookupCommand, lookupCommand, type GrubLookupOptions, type LookupOptions } from './lookup';
import { EXIT } from './exit';
import { FORMATS, formatSarif, formatText, knownRule, summary, toJsonFindings, type Format } from './format';

const VERSION = '0.1.0';

export { EXIT };

function parseRule(value: string, previous: Record<string, Level>): Record<string, Level> {
  const match = /^([\w.]+)=(\w+)$/.exec(value);
  if (!match || !(LEVELS as readonly string[]).includes(match[2] as string)) {
    throw new InputError(`--rule ${value}: expected RULE=LEVEL with LEVEL one of ${LEVELS.join(', ')}.`);
  }
  if (!knownRule(match[1] as string))
    throw new InputError(`--rule ${value}: unknown rule "${match[1]}". See docs/rules.md for the list.`);
  return { ...previous, [match[1] as string]: match[2] as Level };
}

interface LintOptions {
  format: Format;
  site?: string;
  rule: Record<string, Level>;
  routerosTree?: string;
  routerosVersion: string;
  verbose?: boolean;
}

async function lint(paths: string[], options: LintOptions): Promise<number> {
  const cwd = process.cwd();
  if (options.routerosTree) {
    try {
      useTree(
        treeFromInspect(
          parseJsonCapped(readTextOrThrow(resolve(options.routerosTree), MAX_TREE_BYTES), options.routerosTree),
          options.routerosVersion,
        ),
      );
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new InputError(`--routeros-tree ${options.routerosTree}: not a usable /console/inspect dump (${why}).`);
    }
  }
  const targets = paths.length ? [...paths] : ['.'];
  if (options.site) targets.push(options.site);
  const onSkip = options.verbose
    ? (path: string, why: string): void =>
        void process.stderr.write(`skipped ${escapeControl(relative(cwd, path) || path)}: ${why}\n`)
    : undefined;
  const reports = await lintPaths(targets, { levels: options.rule, cwd, ...(onSkip ? { onSkip } : {}) });
  if (options.verbose)
    for (const r of reports)
      process.stderr.write(
        `checked ${escapeControl(relative(cwd, r.path) || r.path)}${r.language ? ` (${r.language})` : ''}\n`,
      );
  const findings = toJsonFindings(reports, cwd);
  if (options.format === 'json') process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
  else if (options.format === 'sarif')
    process.stdout.write(`${JSON.stringify(formatSarif(findings, cwd, VERSION), null, 2)}\n`);
  else if (findings.length) process.stdout.write(`${formatText(findings)}\n`);
  process.stderr.write(`${summary(findings, reports.length)}\n`);
  return findings.some((f) => f.severity === 'error') ? EXIT.errors : EXIT.ok;
}

export function program(): Command {
  const cli = new Command('pxe-workbench')
    .description('Check, deploy and test network-boot files: iPXE, PXELINUX, RouterOS DHCP and Ignition.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  addLint(cli);
  addChain(cli);
  addDeploy(cli);
  addPull(cli);
  addVm(cli);
  addNodes(cli);
  addImages(cli);
  addLookup(cli);
  addFmt(cli);
  addIgnition(cli);
  addButane(cli);
  return cli;
}

/** Help texts too long for one line of code are written as sentences joined by a space. */
const sentences = (...parts: string[]): string => parts.join(' ');

const SITE_OPTION = ['--site <file>', 'the site file (default: the nearest pxe-site.json)'] as const;

function addLint(cli: Command): void {
  cli
    .command('lint')
    .description('Check files and folders (folders are walked; files are recognised as the editor does).')
    .argument('[paths...]', 'files or folders to check', [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-s, --site <file>', 'the site file (pxe-site.json) to check and use')
    .option('-r, --rule <id=level>', 'set a rule to off|hint|info|warning|error (repeatable)', parseRule, {})
    .option(
      '--routeros-tree <file>',
      'check .rsc files against this /console/inspect dump (default: the built-in catalog)',
    )
    .option('--routeros-version <version>', 'the RouterOS version of that dump', 'loaded')
    .option('-v, --verbose', 'say which files were checked, and which were skipped and why (binary, not ours)')
    .action(async (paths: string[], options: LintOptions) => {
      process.exitCode = await lint(paths, options);
    });
}

function addChain(cli: Command): void {
  cli
    .command('chain')
    .description(
      sentences(
        'Follow the boot chain of the site (DHCP → loader → config/script → kernel, initrd, rootfs, Ignition)',
        'for each kind of machine; exit 1 when a hop is broken.',
      ),
    )
    .option('-s, --site <file>', 'the site file (default: the nearest pxe-site.json)')
    .option('-m, --mac <mac>', 'follow one machine: its static lease, or any machine with this MAC')
    .addOption(new Option('--firmware <firmware>', 'only this firmware').choices(['bios', 'uefi']))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (options: ChainOptions) => {
      process.exitCode = await chainCommand(options);
    });
}

function addDeploy(cli: Command): void {
  cli
    .command('deploy')
    .description(
      sentences(
        'Deploy to a target of pxe-site.json.',
        'A NAS: the TFTP root and the nginx snippet over SFTP',
        '(plan, confirm, atomic upload, nginx test and reload, HTTP check of the chain).',
        'A MikroTik: the files its TFTP serves over SFTP, then the DHCP/TFTP settings over the RouterOS API',
        '(plan add/set/remove, confirm, apply, read back).',
        'Passwords: PXE_WORKBENCH_PASSWORD / PXE_WORKBENCH_PASSPHRASE, else asked.',
      ),
    )
    .argument('<target>', 'the target name under "targets" in pxe-site.json, e.g. nas')
    .option(...SITE_OPTION)
    .option('-n, --dry-run', 'only show what would change')
    .option('-y, --yes', 'deploy without asking')
    .option('--no-verify', "skip the HTTP check of the chain's URLs afterwards")
    .option('--trust-host-key <fingerprint>', 'trust this SHA256:… host key on the first connection (and record it)')
    .option(
      '--trust-certificate <fingerprint>',
      'router: trust this SHA256 API certificate fingerprint on the first connection (and record it)',
    )
    .option(
      '--skip-unsupported',
      'router: apply the statements that translate to API calls and leave the listed others out',
    )
    .option('--import', 'router: upload the script and run it with /import instead (every line as written)')
    .action(async (target: string, options: DeployCliOptions) => {
      process.exitCode = await deployCommand(target, options);
    });
}

function addPull(cli: Command): void {
  cli
    .command('pull')
    .description(
      sentences(
        'Read the DHCP/TFTP menus that router deploy manages from a MikroTik target over the RouterOS API',
        "and print them as an .rsc script (to compare with the workspace's).",
      ),
    )
    .argument('<target>', 'the router target name under "targets" in pxe-site.json, e.g. router')
    .option(...SITE_OPTION)
    .option('-o, --out <file>', 'write the script to this file instead of standard output')
    .option(
      '--trust-certificate <fingerprint>',
      'trust this SHA256 API certificate fingerprint on the first connection (and record it)',
    )
    .action(async (target: string, options: { site?: string; out?: string; trustCertificate?: string }) => {
      process.exitCode = await routerPullCommand(siteFileFor(options, process.cwd()), target, options, process.cwd());
    });
}

function addVm(cli: Command): void {
  cli
    .command('vm')
    .description(
      sentences(
        "Boot the site in a local QEMU VM (user networking, restrict=on: the VM reaches only the workspace's TFTP",
        'and HTTP folders) as BIOS or UEFI (optionally with Secure Boot), and print how far the boot got.',
        'Exit 0 when it reached the initramfs (or --until) without a failure.',
      ),
    )
    .option(...SITE_OPTION)
    .option('--firmware <bios|uefi>', 'firmware (default: vm.firmware in the site file, else bios)')
    .option(
      '--secure-boot',
      "UEFI with Secure Boot on (OVMF with Microsoft's keys): unsigned loaders are refused, as on real machines " +
        '(default: vm.secureBoot in the site file)',
    )
    .option('--no-secure-boot', 'Secure Boot off, whatever vm.secureBoot says')
    .option('--mac <mac>', "the VM's MAC address: boot as this lease (default: vm.mac, else 52:54:00:12:34:56)")
    .option('--timeout <seconds>', 'stop after this long (default: vm.timeoutSeconds, else 300)')
    .option('--memory <MiB>', 'memory (default: vm.memoryMiB, else 2048)')
    .option('--until <stage>', 'stop once this stage is reached, e.g. linux or ignition')
    .option('--serial', 'copy the serial console to standard error')
    .option('--accel <kvm|tcg|auto>', 'CPU emulation (default auto: KVM when it works, else TCG)')
    .action(async (options: VmCliOptions & { site?: string }) => {
      process.exitCode = await vmCommand(siteFileFor(options, process.cwd()), options);
    });
}

function addNodes(cli: Command): void {
  const nodes = cli.command('nodes').description('The fleet: the node table and profiles of pxe-site.json.');
  nodes
    .command('generate')
    .description(
      sentences(
        "Write each node's files (pxelinux.cfg/01-<mac>, nodes/<mac>.ipxe, nodes/<name>.ign)",
        'and the static leases (a marked block in router.config) from the profiles;',
        'unchanged files stay as they are, files edited by hand are kept unless --force.',
      ),
    )
    .option(...SITE_OPTION)
    .option('-n, --dry-run', 'only show what would change, with a diff')
    .option('--diff', 'show the diff of each changed file')
    .option('--force', 'overwrite files edited by hand')
    .action(async (options: NodesCliOptions & { site?: string }) => {
      process.exitCode = await nodesGenerateCommand(siteFileFor(options, process.cwd()), options, process.cwd());
    });
}

function addImages(cli: Command): void {
  const images = cli.command('images').description('Fedora CoreOS PXE artifacts (kernel, initramfs, rootfs).');
  images
    .command('update')
    .description(
      sentences(
        'Download the current release of the stream when it is new (concurrent, resumable, sha256-verified),',
        'repoint the kernel/initramfs/rootfs symlinks atomically, keep the newest versions and write .latest.txt.',
        'Defaults come from "images" in pxe-site.json.',
      ),
    )
    .option(...SITE_OPTION)
    .option('--dest <dir>', 'folder for the artifacts (default: images.dir of the site)')
    .option('--stream <stream>', 'stable, testing or next (default: images.stream, else stable)')
    .option('--arch <arch>', 'x86_64 or aarch64 (default: images.arch, else x86_64)')
    .option('--keep <n>', 'versions to keep (default: images.keep, else 4)')
    .option('--stream-url <url>', 'stream metadata URL (default: the official one for the stream)')
    .option('--gpg-key <file>', "also check each artifact's detached signature with this armored OpenPGP public key")
    .option(
      '--on <target>',
      'run the update on this NAS target of pxe-site.json over SSH (the NAS downloads; nothing passes through here)',
    )
    .action(async (options: ImagesOptions) => {
      process.exitCode = await imagesUpdateCommand(options);
    });
}

function addLookup(cli: Command): void {
  cli
    .command('pxelinux-lookup')
    .description('Show the config files PXELINUX tries for a machine, in order, and which one it will use.')
    .requiredOption('-m, --mac <mac>', 'the MAC address of the machine, e.g. 52:54:00:12:34:56')
    .requiredOption('-i, --ip <ip>', 'the IPv4 address DHCP gives it, e.g. 192.168.255.50')
    .option('-u, --uuid <uuid>', 'its SMBIOS UUID (tried first when given)')
    .option('-t, --tftp <dir>', 'the TFTP root (default: from the nearest pxe-site.json, else the current folder)')
    .action((options: LookupOptions) => {
      process.exitCode = lookupCommand(options);
    });
  cli
    .command('grub-lookup')
    .description(
      'Show the config files a network-booted GRUB reads for a machine, in order, and which one it will use ' +
        "(from the GRUB image's prefix and built-in config: Debian's grubnetx64 reads fixed paths, GRUB 2.06+ and " +
        'Fedora images search per-machine names).',
    )
    .requiredOption('-m, --mac <mac>', 'the MAC address of the machine, e.g. 52:54:00:12:34:56')
    .requiredOption('-i, --ip <ip>', 'the IPv4 address DHCP gives it, e.g. 192.168.255.50')
    .option('-u, --uuid <uuid>', 'the client UUID DHCP option 97 carries (tried first when given)')
    .option('-t, --tftp <dir>', 'the TFTP root (default: from the nearest pxe-site.json, else the current folder)')
    .option('--image <file>', 'the GRUB EFI image the machines boot (default: the one in the TFTP root)')
    .option('--boot-file <path>', 'its path in the TFTP root as DHCP names it (default: where the image is)')
    .action((options: GrubLookupOptions) => {
      process.exitCode = grubLookupCommand(options);
    });
}

function addFmt(cli: Command): void {
  cli
    .command('fmt')
    .description('Format RouterOS scripts (spacing, indentation, continuation lines) without changing what they mean.')
    .argument('<files...>', '.rsc files')
    .option('--check', 'only report files that would change (exit 1 if any)')
    .option('--write', 'rewrite the files in place (default: print the result)')
    .action(async (files: string[], options: { check?: boolean; write?: boolean }) => {
      process.exitCode = await fmtCommand(files, options);
    });
}

function addIgnition(cli: Command): void {
  const ignition = cli.command('ignition').description('Ignition configs: validate, and decode or encode data: URLs.');
  ignition
    .command('validate')
    .description('Check a config and print ignition-validate-style messages (exit 1 when it is invalid).')
    .argument('<file>', 'the Ignition config')
    .action(async (file: string) => {
      process.exitCode = await ignitionValidateCommand(file);
    });
  ignition
    .command('decode')
    .description('Print the contents of a data: URL in a config (decompressed when gzip).')
    .argument('<file>', 'the Ignition config')
    .requiredOption('-p, --path <json.path>', 'where the URL is, e.g. storage.files.0.contents.source')
    .action((file: string, options: { path: string }) => ignitionDecodeCommand(file, options.path));
  ignition
    .command('encode')
    .description('Print a file as a data: URL (percent-encoded for text, base64 for binary, or as asked).')
    .argument('<file>', 'the file to embed')
    .option('--base64', 'always use base64')
    .action((file: string, options: { base64?: boolean }) => ignitionEncodeCommand(file, options));
}

function addButane(cli: Command): void {
  cli
    .command('butane')
    .description(
      sentences(
        'Translate a Butane config (.bu) to Ignition, as the butane CLI does (in-process: no butane binary).',
        'Reads standard input without a file; reports go to standard error.',
        'Exit 1 on an error, or on a warning with --strict.',
      ),
    )
    .argument('[file]', 'the Butane config (default: standard input)')
    .option('-s, --strict', 'fail on any warning')
    .option('-p, --pretty', 'output formatted JSON')
    .option('-d, --files-dir <dir>', "where `local:` paths resolve (default: butane.filesDir, else the file's folder)")
    .option('-o, --output <file>', 'write the Ignition config to this file instead of standard output')
    .option('-c, --check', 'check the config without producing output')
    .option('-r, --raw', 'accepted as butane has it: the output is always an Ignition config')
    .option('--raw-errors', 'accepted as butane has it: reports are always printed raw')
    .action(async (file: string | undefined, options: ButaneCliOptions) => {
      process.exitCode = await butaneCommand(file, options);
    });
}

export async function main(argv: readonly string[]): Promise<number> {
  process.exitCode = undefined;
  try {
    await program().parseAsync(argv as string[], { from: 'user' });
    return Number(process.exitCode ?? EXIT.ok);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof InputError || error instanceof UntrustedInputError) {
      process.stderr.write(`pxe-workbench: ${escapeControl(error.message)}\n`);
      return EXIT.usage;
    }
    const what = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`pxe-workbench: unexpected failure: ${what}\nPlease report this bug.\n`);
    return EXIT.usage;
  }
}

if (require.main === module) {
  // `pxe-workbench vm | head`: a reader that goes away ends the output, not with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
