// Packaging configuration (electron-builder.yml), checked without the network: electron-builder's own schema, every
// icon file it references read back (PNG, ICO, ICNS), the file association against the extension the app opens, and
// a real electron-builder run that packs an unpacked Linux app around a stand-in Electron runtime (the real one cannot
// be downloaded here), so the app.asar, extra resources, desktop entry and MIME type are the ones installers get.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { load } from 'js-yaml';
import type { AfterPackContext, Configuration, FileAssociation, LinuxPackager } from 'app-builder-lib';
import { build, Platform } from 'electron-builder';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper';
import { fileFromArgv, TOPOLOGY_EXTENSION } from './main/launch-args';
import { FONT_FILES } from './slides/fonts';
import { repoRoot } from './test-support/cli';
import { pngSize } from '../e2e/support/image-files';

/** Where Electron's fuse wire starts in its executable (@electron/fuses). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

const configText = readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8');
const config = load(configText) as Configuration;
const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const buildResources = join(repoRoot, config.directories!.buildResources!);
const fromRoot = (path: string) => resolve(repoRoot, path);
const asList = <T>(value: T | T[] | null | undefined): T[] =>
  value == null ? [] : Array.isArray(value) ? value : [value];
const targetNames = (value: unknown) =>
  asList(value as (string | { target: string })[]).map((t) => (typeof t === 'string' ? t : t.target));

// --- the icon containers, read independently of the script that writes them ---

/** Each image of an .ico: its size from the directory, checked against the PNG or BITMAPINFOHEADER it points at. */
function icoImages(bytes: Buffer): { size: number; format: 'png' | 'bmp' }[] {
  expect(bytes.readUInt16LE(0)).toBe(0);
  expect(bytes.readUInt16LE(2)).toBe(1); // icon, not cursor
  const count = bytes.readUInt16LE(4);
  const images: { size: number; format: 'png' | 'bmp' }[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + 16 * i;
    const size = bytes[at] || 256;
    expect(bytes[at + 1] || 256).toBe(size);
    const length = bytes.readUInt32LE(at + 8);
    const offset = bytes.readUInt32LE(at + 12);
    expect(offset + length).toBeLessThanOrEqual(bytes.length);
    const data = bytes.subarray(offset, offset + length);
    if (data.toString('latin1', 1, 4) === 'PNG') {
      expect(pngSize(data)).toEqual({ width: size, height: size });
      images.push({ size, format: 'png' });
    } else {
      expect(data.readUInt32LE(0)).toBe(40); // BITMAPINFOHEADER
      expect([data.readInt32LE(4), data.readInt32LE(8), data.readUInt16LE(14)]).toEqual([size, size * 2, 32]);
      expect(length).toBe(40 + size * size * 4 + Math.ceil(size / 32) * 4 * size);
      images.push({ size, format: 'bmp' });
    }
  }
  return images;
}

/** Each entry of an .icns: its type and the pixel size of the PNG it holds. */
function icnsEntries(bytes: Buffer): Map<string, number> {
  expect(bytes.toString('latin1', 0, 4)).toBe('icns');
  expect(bytes.readUInt32BE(4)).toBe(bytes.length);
  const entries = new Map<string, number>();
  for (let at = 8; at < bytes.length;) {
    const type = bytes.toString('latin1', at, at + 4);
    const length = bytes.readUInt32BE(at + 4);
    expect(length).toBeGreaterThan(8);
    const { width, height } = pngSize(bytes.subarray(at + 8, at + length));
    expect(height).toBe(width);
    entries.set(type, width);
    at += length;
  }
  return entries;
}

/** What macOS expects in each PNG icon type (the @2x types hold twice the point size). */
const ICNS_PIXELS = {
  icp4: 16,
  icp5: 32,
  icp6: 64,
  ic07: 128,
  ic08: 256,
  ic09: 512,
  ic10: 1024,
  ic11: 32,
  ic12: 64,
  ic13: 256,
  ic14: 512,
};
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

function expectWindowsIcon(file: string): void {
  const images = icoImages(readFileSync(file));
  expect(images.map((i) => i.size)).toEqual([16, 24, 32, 48, 64, 128, 256]);
  // NSIS and electron-builder want a 256 px image; Windows reads it as PNG, the small ones as bitmaps.
  expect(images.at(-1)).toEqual({ size: 256, format: 'png' });
}

function expectMacIcon(file: string): void {
  expect(Object.fromEntries(icnsEntries(readFileSync(file)))).toEqual(ICNS_PIXELS);
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation and is the configuration electron-builder loads", async () => {
    const loaded = await getConfig(repoRoot, null, null);
    expect(loaded.appId).toBe(config.appId);
    expect(loaded.fileAssociations).toEqual(config.fileAssociations);
    await expect(
      validateConfiguration(loaded, { isEnabled: false, add: () => undefined } as never),
    ).resolves.toBeUndefined();
    // The check itself rejects what it should: an unknown option and a wrong type.
    await expect(
      validateConfiguration(
        { ...loaded, nsis: { ...loaded.nsis, perMachne: false } } as never,
        { isEnabled: false } as never,
      ),
    ).rejects.toThrow(/configuration\.nsis /);
    await expect(
      validateConfiguration({ ...loaded, asar: 'yes' } as never, { isEnabled: false } as never),
    ).rejects.toThrow(/configuration\.asar /);
  });

  it('names the app, packs it into an asar and writes installers to dist/', () => {
    expect(config.appId).toBe('org.packetjourney.app');
    expect(config.productName).toBe('Packet Journey');
    expect(config.asar).toBe(true);
    expect(config.directories?.output).toBe('dist');
    expect(config.publish).toBeNull(); // `npm run dist` never uploads anything
    expect(packageJson.scripts.dist).toBe('electron-vite build && electron-builder');
  });

  it('has installers for all three platforms', () => {
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Education');
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
    expect(config.mac?.category).toBe('public.app-category.education');
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
  });

  it('associates the extension the app opens, as its editor, with its MIME type', () => {
    const associations = asList(config.fileAssociations) as FileAssociation[];
    expect(associations).toHaveLength(1);
    const [association] = associations;
    expect(`.${association.ext}`).toBe(TOPOLOGY_EXTENSION);
    expect(association).toMatchObject({ mimeType: 'application/x-packetjourney+json', role: 'Editor' });
    expect(association.name).toMatch(/\S/);
    expect(association.description).toMatch(/\S/);
    // What a double-click hands over on Windows ("%1") and macOS (open-file) is a plain path to such a file.
    expect(fileFromArgv(['/opt/Packet Journey/packet-journey', `/home/me/net.${association.ext}`], '/')).toBe(
      `/home/me/net.${association.ext}`,
    );
  });

  it('ships only the built app: main, preload and renderer bundles and package.json, whose "main" is the built main bundle', () => {
    expect(config.files).toEqual(
      expect.arrayContaining(['package.json', 'out/main/**', 'out/preload/**', 'out/renderer/**']),
    );
    expect(packageJson.main).toBe('out/main/index.js');
  });

  it('references icon files that exist with the sizes each platform needs', () => {
    expectMacIcon(fromRoot(config.mac!.icon!));
    for (const icon of [config.win!.icon!, config.nsis!.installerIcon!, config.nsis!.uninstallerIcon!])
      expectWindowsIcon(fromRoot(icon));
    const linuxIcons = fromRoot(config.linux!.icon!);
    for (const size of LINUX_SIZES)
      expect(pngSize(readFileSync(join(linuxIcons, `${size}x${size}.png`)))).toEqual({ width: size, height: size });
    // The fallback electron-builder takes from buildResources when a platform names no icon.
    expect(pngSize(readFileSync(join(buildResources, 'icon.png')))).toEqual({ width: 1024, height: 1024 });
  });

  it('has a document icon for the file association where electron-builder looks for it (buildResources)', () => {
    const [association] = asList(config.fileAssociations) as FileAssociation[];
    expect(association.icon).toBe('document');
    expectMacIcon(join(buildResources, `${association.icon}.icns`));
    expectWindowsIcon(join(buildResources, `${association.icon}.ico`));
  });

  it('has committed icons that are exactly what scripts/make-icons.mjs renders from the SVG drawings', () => {
    const run = spawnSync(process.execPath, [join(repoRoot, 'scripts/make-icons.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.match(/up to date/g)).toHaveLength(LINUX_SIZES.length + 5); // + icon.png, 2 × .ico, 2 × .icns
  });
});

// --- a real electron-builder run (Linux, unpacked) ---

/** The list of files in an asar archive, from its JSON header (UInt32 sizes, then the header string). */
function asarFiles(file: string): { path: string; unpacked: boolean }[] {
  const bytes = readFileSync(file);
  const header = JSON.parse(bytes.toString('utf8', 16, 16 + bytes.readUInt32LE(12)));
  const out: { path: string; unpacked: boolean }[] = [];
  const walk = (node: { files?: Record<string, unknown>; unpacked?: boolean }, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {}) as [
      string,
      { files?: Record<string, unknown>; unpacked?: boolean },
    ][]) {
      if (child.files) walk(child, `${prefix}${name}/`);
      else out.push({ path: `${prefix}${name}`, unpacked: child.unpacked === true });
    }
  };
  walk(header, '');
  return out;
}

describe('an unpacked Linux app built by electron-builder from this configuration', () => {
  let work: string;
  let appDir: string;
  let files: { path: string; unpacked: boolean }[];
  let desktopEntry: string;
  let mimeXml: string;
  let linuxIcons: { file: string; size: number }[];

  beforeAll(async () => {
    // A copy of the project's packaging inputs in a temporary directory, built there, so this test neither races
    // other tests that build into out/ nor leaves anything in the working tree.
    work = mkdtempSync(join(tmpdir(), 'packet-journey-packaging-'));
    const project = join(work, 'project');
    mkdirSync(project);
    for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml'])
      copyFileSync(join(repoRoot, file), join(project, file));
    symlinkSync(join(repoRoot, 'node_modules'), join(project, 'node_modules'), 'dir');
    symlinkSync(join(repoRoot, 'resources'), join(project, 'resources'), 'dir');
    const vite = spawnSync(
      process.execPath,
      [
        join(repoRoot, 'node_modules/electron-vite/bin/electron-vite.js'),
        'build',
        '--logLevel',
        'error',
        '--outDir',
        join(project, 'out'),
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(vite.status, vite.stderr).toBe(0);

    // Stand-in for the Electron distribution electron-builder would download: an executable it renames, a licence.
    const electronDist = join(work, 'electron-dist');
    mkdirSync(electronDist);
    // It carries a fuse wire as Electron's binary does (sentinel, version 1, length, one byte per fuse: '0' off, '1'
    // on, as Electron ships them), so electron-builder flips the fuses of the configuration in it.
    writeFileSync(
      join(electronDist, 'electron'),
      Buffer.concat([
        Buffer.from(`#!/bin/sh\nexit 0\n#${FUSE_SENTINEL}`),
        Buffer.from([1, 8]),
        Buffer.from('10110001'),
      ]),
    );
    chmodSync(join(electronDist, 'electron'), 0o755);
    writeFileSync(join(electronDist, 'LICENSE'), 'stand-in');

    await build({
      projectDir: project,
      targets: Platform.LINUX.createTarget('dir'),
      config: {
        electronDist,
        npmRebuild: false,
        directories: { output: join(work, 'dist') },
        // The deb and AppImage targets need tools electron-builder downloads; what they install comes from these.
        afterPack: async (context: AfterPackContext) => {
          const packager = context.packager as LinuxPackager;
          const helper = new LinuxTargetHelper(packager);
          desktopEntry = await helper.computeDesktopEntry(packager.platformSpecificBuildOptions);
          mimeXml = readFileSync((await helper.mimeTypeFiles)!, 'utf8');
          linuxIcons = await helper.icons;
        },
      },
    });
    appDir = join(work, 'dist', 'linux-unpacked');
    files = asarFiles(join(appDir, 'resources', 'app.asar'));
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds the built main, preload and renderer bundles, and the main bundle package.json names', () => {
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['package.json', 'out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']),
    );
    const packed = JSON.parse(readFileSync(join(work, 'project', 'package.json'), 'utf8'));
    expect(paths).toContain(packed.main);
    // The preload and page paths the main process computes from its own directory (electron/main/index.ts).
    expect(paths).toContain(posix.join('out/main', '../preload/index.js'));
    expect(paths).toContain(posix.join('out/main', '../renderer/index.html'));
    expect(paths.some((p) => /^out\/main\/chunks\/engine\.worker-.*\.js$/.test(p))).toBe(true);
  });

  it('holds no sources, tests or other build outputs', () => {
    const appFiles = files.map((f) => f.path).filter((p) => !p.startsWith('node_modules/'));
    expect(appFiles.filter((p) => /\.(ts|tsx|mts|cts)$/.test(p) || /\.test\./.test(p))).toEqual([]);
    expect(appFiles.filter((p) => !/^(package\.json|out\/(main|preload|renderer)\/)/.test(p))).toEqual([]);
  });

  it('keeps native modules outside the asar, where they can be loaded', () => {
    const native = files.filter((f) => f.path.endsWith('.node'));
    for (const file of native) {
      expect(file.unpacked, file.path).toBe(true);
      expect(existsSync(join(appDir, 'resources', 'app.asar.unpacked', file.path))).toBe(true);
    }
  });

  it('puts the slide fonts where the main process looks for them (process.resourcesPath/fonts)', () => {
    for (const font of FONT_FILES) {
      const same = readFileSync(join(appDir, 'resources', 'fonts', font)).equals(
        readFileSync(join(repoRoot, 'resources', 'fonts', font)),
      );
      expect(same, font).toBe(true);
    }
    expect(readdirSync(join(appDir, 'resources', 'fonts')).some((f) => /LICENSE/.test(f))).toBe(true);
  });

  it("flips Electron's fuses in the executable: no running as Node, no NODE_OPTIONS or --inspect, the app only from its checked asar, cookies encrypted", async () => {
    const { getCurrentFuseWire, FuseV1Options } = await import('@electron/fuses');
    const wire = await getCurrentFuseWire(join(appDir, 'packet-journey'));
    const state = (fuse: number) => String.fromCharCode(wire[fuse as keyof typeof wire] as number);
    expect(state(FuseV1Options.RunAsNode)).toBe('0');
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe('1');
    // The app is served from app:// (electron/main/app-protocol.ts): file:// needs none of its extra privileges.
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('0');
  });

  it('names the executable packet-journey', () => {
    expect(existsSync(join(appDir, 'packet-journey'))).toBe(true);
  });

  it('writes a desktop entry in Education that opens .packetjourney files by path', () => {
    const entry = Object.fromEntries(
      desktopEntry
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(entry).toMatchObject({
      Name: 'Packet Journey',
      Type: 'Application',
      Icon: 'packet-journey',
      Categories: 'Education;',
      MimeType: 'application/x-packetjourney+json;',
    });
    // The desktop replaces %F with the chosen files' paths; the launch-args parser must find the file among them.
    expect(entry.Exec).toMatch(/ %F$/);
    const argv = [entry.Exec.replace(/ %F$/, '').replace(/^"|"$/g, ''), '/home/me/Networks/home.packetjourney'];
    expect(fileFromArgv(argv, '/home/me')).toBe('/home/me/Networks/home.packetjourney');
  });

  it('registers the MIME type for *.packetjourney', () => {
    expect(mimeXml).toContain('<mime-type type="application/x-packetjourney+json">');
    expect(mimeXml).toContain(`<glob pattern="*${TOPOLOGY_EXTENSION}"/>`);
  });

  it('gives the Linux desktop every icon size from resources/icons', () => {
    expect(linuxIcons.map((i) => i.size).sort((a, b) => a - b)).toEqual(LINUX_SIZES);
    for (const icon of linuxIcons) expect(pngSize(readFileSync(icon.file)).width).toBe(icon.size);
  });
});
