// What the local stack needs before it can run the Cloud Firestore emulator, decided from plain
// facts (which jar lies where, which Java answers, may we ask) so the decision and every message
// are unit-tested. Fetching is firebase-tools' own command: it knows where the jar lives.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export class MissingPrerequisiteError extends Error {}

/** The environment variables read here (a plain record, so tests pass only what they mean). */
export type Env = Readonly<Record<string, string | undefined>>;

/** The gcloud jar has no Main-Class (started by class name); firebase-tools' jar is started with -jar. */
export type JarFlavour = 'gcloud' | 'firebase-tools';

export interface FirestoreEmulatorLocation {
  jar: string;
  foundVia: 'FIRESTORE_EMULATOR_JAR' | 'google-cloud-sdk' | 'firebase-tools-cache';
  flavour: JarFlavour;
}

export interface JavaInfo {
  major: number;
  version: string;
}

export interface FileProbe {
  exists(p: string): boolean;
  list(dir: string): string[];
}

const realFiles: FileProbe = { exists: existsSync, list: (d) => readdirSync(d) };

/** The gcloud jar (1.19.x) runs on Java 17: checked on these machines. */
export const GCLOUD_JAR_MIN_JAVA = 17;
/** firebase-tools 15's own floor for its Java emulators, used when it cannot be read from the package. */
const FIREBASE_TOOLS_JAVA_FALLBACK = 21;
const FIREBASE_JAR = /^cloud-firestore-emulator-v([\d.]+)\.jar$/;
const GCLOUD_MAIN_CLASS = 'com.google.cloud.datastore.emulator.firestore.CloudFirestore';

/** firebase-tools' download cache, computed as firebase-tools does (lib/emulator/downloadableEmulators.js). */
export function firebaseToolsCacheDir(env: Env, home = homedir()): string {
  return env.FIREBASE_EMULATORS_PATH || path.join(home, '.cache', 'firebase', 'emulators');
}

export function jarFlavour(jar: string): JarFlavour {
  return FIREBASE_JAR.test(path.basename(jar)) ? 'firebase-tools' : 'gcloud';
}

/**
 * Where the emulator jar is: FIRESTORE_EMULATOR_JAR, then the Google Cloud SDK, then the
 * firebase-tools cache (newest version). Null when none; an explicit FIRESTORE_EMULATOR_JAR that
 * does not exist is the user's mistake and stops with a message instead of offering a download.
 */
export function locateFirestoreEmulator(
  env: Env,
  deps: { files?: FileProbe; home?: string; sdkRootFromGcloud?: () => string | undefined } = {},
): FirestoreEmulatorLocation | null {
  const files = deps.files ?? realFiles;
  const home = deps.home ?? homedir();
  if (env.FIRESTORE_EMULATOR_JAR) {
    if (!files.exists(env.FIRESTORE_EMULATOR_JAR)) {
      throw new MissingPrerequisiteError(`FIRESTORE_EMULATOR_JAR points at ${env.FIRESTORE_EMULATOR_JAR}, which does not exist.\n${installHelp()}`);
    }
    return { jar: env.FIRESTORE_EMULATOR_JAR, foundVia: 'FIRESTORE_EMULATOR_JAR', flavour: jarFlavour(env.FIRESTORE_EMULATOR_JAR) };
  }
  const usual = [
    env.CLOUDSDK_ROOT_DIR,
    '/usr/lib/google-cloud-sdk',
    '/usr/share/google-cloud-sdk',
    '/opt/google-cloud-sdk',
    path.join(home, 'google-cloud-sdk'),
  ];
  let roots = usual.filter((r): r is string => !!r && files.exists(r));
  // Only ask gcloud (slow: it starts Python) when no usual location exists.
  if (!roots.length) roots = [(deps.sdkRootFromGcloud ?? sdkRootFromGcloud)()].filter((r): r is string => !!r);
  for (const sdk of roots) {
    const jar = path.join(sdk, 'platform', 'cloud-firestore-emulator', 'cloud-firestore-emulator.jar');
    if (files.exists(jar)) return { jar, foundVia: 'google-cloud-sdk', flavour: 'gcloud' };
  }
  const cache = firebaseToolsCacheDir(env, home);
  if (files.exists(cache)) {
    const newest = files
      .list(cache)
      .filter((f) => FIREBASE_JAR.test(f))
      .sort(compareVersionedNames)
      .at(-1);
    if (newest) return { jar: path.join(cache, newest), foundVia: 'firebase-tools-cache', flavour: 'firebase-tools' };
  }
  return null;
}

function sdkRootFromGcloud(): string | undefined {
  try {
    const out = execFileSync('gcloud', ['info', '--format=value(installation.sdk_root)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 20_000,
    });
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

export function compareVersionedNames(a: string, b: string) {
  const va = (a.match(FIREBASE_JAR)?.[1] ?? '0').split('.').map(Number);
  const vb = (b.match(FIREBASE_JAR)?.[1] ?? '0').split('.').map(Number);
  for (let i = 0; i < Math.max(va.length, vb.length); i++) {
    const d = (va[i] ?? 0) - (vb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** `java -version` output to a major version ("1.8.0_392" is 8, "17.0.15" is 17); null when unreadable. */
export function parseJavaVersion(output: string): JavaInfo | null {
  const m = output.match(/version "(\d+)(?:\.(\d+))?/);
  if (!m) return null;
  const first = Number(m[1]);
  const major = first === 1 ? Number(m[2] ?? 0) : first;
  return { major, version: output.split('\n')[0]?.trim() ?? '' };
}

export function detectJava(): JavaInfo | 'missing' {
  const res = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (res.error) return 'missing';
  return parseJavaVersion(`${res.stderr}${res.stdout}`) ?? { major: 0, version: 'unknown' };
}

/**
 * The Java floor firebase-tools declares for its emulators (MIN_SUPPORTED_JAVA_MAJOR_VERSION: 21 in
 * firebase-tools 15). Its jar is held to the same floor: firebase-tools does not vouch for it on
 * less, and we cannot check the jar before it is downloaded.
 */
export function firebaseToolsMinJava(root: string): number {
  try {
    const src = readFileSync(path.join(root, 'node_modules', 'firebase-tools', 'lib', 'emulator', 'commandUtils.js'), 'utf8');
    const n = Number(src.match(/MIN_SUPPORTED_JAVA_MAJOR_VERSION\s*=\s*(\d+)/)?.[1]);
    return Number.isInteger(n) && n > 0 ? n : FIREBASE_TOOLS_JAVA_FALLBACK;
  } catch {
    return FIREBASE_TOOLS_JAVA_FALLBACK;
  }
}

export function requiredJava(location: Pick<FirestoreEmulatorLocation, 'flavour'>, firebaseToolsJava: number): number {
  return location.flavour === 'firebase-tools' ? firebaseToolsJava : GCLOUD_JAR_MIN_JAVA;
}

export type FetchChoice = 'yes' | 'no' | 'ask';

/** `--fetch-emulator`, else FETCH_FIRESTORE_EMULATOR (1/true/yes or 0/false/no), else ask when we can. */
export function fetchChoice(flag: boolean | undefined, env: Env): FetchChoice {
  if (flag) return 'yes';
  const v = env.FETCH_FIRESTORE_EMULATOR?.trim().toLowerCase();
  if (v && ['1', 'true', 'yes'].includes(v)) return 'yes';
  if (v && ['0', 'false', 'no'].includes(v)) return 'no';
  return 'ask';
}

export type EmulatorPlan =
  { action: 'start'; location: FirestoreEmulatorLocation } | { action: 'fetch' } | { action: 'ask'; question: string } | { action: 'stop'; message: string };

export interface PlanInput {
  location: FirestoreEmulatorLocation | null;
  java: JavaInfo | 'missing';
  fetch: FetchChoice;
  /** A person at a terminal who can answer a question. */
  interactive: boolean;
  firebaseToolsJava: number;
}

export function planFirestoreEmulator(input: PlanInput): EmulatorPlan {
  const { location, java, firebaseToolsJava } = input;
  if (location) {
    const need = requiredJava(location, firebaseToolsJava);
    if (java === 'missing') return { action: 'stop', message: javaMissingMessage(location, need) };
    if (java.major < need) return { action: 'stop', message: javaTooOldMessage(location, java, need) };
    return { action: 'start', location };
  }
  if (java === 'missing' || java.major < firebaseToolsJava) return { action: 'stop', message: noEmulatorNoJavaMessage(java, firebaseToolsJava) };
  if (input.fetch === 'yes') return { action: 'fetch' };
  if (input.fetch === 'ask' && input.interactive) return { action: 'ask', question: FETCH_QUESTION };
  return { action: 'stop', message: noEmulatorMessage() };
}

export const FETCH_QUESTION =
  'The Cloud Firestore emulator is not installed. Fetch it now through firebase-tools (about 140 MB, into its cache ~/.cache/firebase/emulators)? [Y/n] ';

/** Yes unless the answer starts with n: the prompt's default is to fetch. */
export function acceptsFetch(answer: string): boolean {
  return !/^\s*n/i.test(answer);
}

export function installHelp(): string {
  return `Install the official emulator with one of:
  - npm run dev -- --fetch-emulator   (or FETCH_FIRESTORE_EMULATOR=1; firebase-tools downloads it into ~/.cache/firebase/emulators; needs Java 21+)
  - Debian/Ubuntu (Google Cloud apt repo): apt-get install -y google-cloud-cli-firestore-emulator   (runs on Java 17+)
  - Google Cloud SDK: gcloud components install cloud-firestore-emulator   (runs on Java 17+)
  - or point FIRESTORE_EMULATOR_JAR at a cloud-firestore-emulator jar you already have.`;
}

function javaInstallHint(major: number): string {
  return `apt-get install -y openjdk-${major}-jre-headless, or any JDK ${major}+ on PATH`;
}

function describeJar(location: FirestoreEmulatorLocation): string {
  return location.flavour === 'firebase-tools'
    ? `The Firestore emulator from the firebase-tools cache (${location.jar})`
    : `The Firestore emulator (${location.jar})`;
}

function javaMissingMessage(location: FirestoreEmulatorLocation, need: number): string {
  return `Java was not found on PATH. ${describeJar(location)} needs Java ${need} or newer (${javaInstallHint(need)}).`;
}

function javaTooOldMessage(location: FirestoreEmulatorLocation, java: JavaInfo, need: number): string {
  const why =
    location.flavour === 'firebase-tools'
      ? ` firebase-tools supports its emulators only on Java ${need}+. The Google Cloud SDK's emulator runs on Java ${GCLOUD_JAR_MIN_JAVA}+ instead: apt-get install -y google-cloud-cli-firestore-emulator.`
      : '';
  return `${describeJar(location)} needs Java ${need} or newer; found: ${java.version || `Java ${java.major}`} (${javaInstallHint(need)}).${why}`;
}

function noEmulatorNoJavaMessage(java: JavaInfo | 'missing', firebaseToolsJava: number): string {
  const found = java === 'missing' ? 'no Java on PATH' : java.version || `Java ${java.major}`;
  return `The Cloud Firestore emulator was not found (looked at FIRESTORE_EMULATOR_JAR, the Google Cloud SDK and the firebase-tools cache), and ${found} is too old to fetch it here.
Either:
  - install Java ${firebaseToolsJava}+ (${javaInstallHint(firebaseToolsJava)}); then npm run dev offers to fetch the emulator through firebase-tools, or
  - install the Google Cloud SDK's emulator, which runs on Java ${GCLOUD_JAR_MIN_JAVA}+: apt-get install -y google-cloud-cli-firestore-emulator (Google Cloud apt repo) or gcloud components install cloud-firestore-emulator.`;
}

function noEmulatorMessage(): string {
  return `The Cloud Firestore emulator was not found (looked at FIRESTORE_EMULATOR_JAR, the Google Cloud SDK and the firebase-tools cache).
${installHelp()}`;
}

/** A jar that exits at once because the JVM is too old says so in a class-file version; name the Java it wants. */
export function explainEmulatorExit(log: string): string | undefined {
  const m = log.match(/UnsupportedClassVersionError[\s\S]*?class file version (\d+)(?:\.\d+)?/);
  if (!m) return undefined;
  const need = Number(m[1]) - 44;
  return `This Firestore emulator jar needs Java ${need} or newer (it is built for class-file version ${m[1]}); ${javaInstallHint(need)}.`;
}

export interface EmulatorLaunch {
  host: string;
  port: number;
  /** Path of a `.overall_export_metadata` file to import at start. */
  importMetadata?: string;
}

/** The java command line for a jar: gcloud's by its main class, firebase-tools' as firebase-tools starts it. */
export function firestoreEmulatorArgs(location: Pick<FirestoreEmulatorLocation, 'jar' | 'flavour'>, launch: EmulatorLaunch): string[] {
  const jvm = ['-Duser.language=en', '-Xss2m'];
  const flags = ['--host', launch.host, '--port', String(launch.port)];
  if (location.flavour === 'firebase-tools') {
    if (launch.importMetadata) flags.push('--seed_from_export', launch.importMetadata);
    return [...jvm, '-jar', location.jar, ...flags];
  }
  if (launch.importMetadata) flags.push(`--seed_from_export=${launch.importMetadata}`);
  return [...jvm, '-cp', location.jar, GCLOUD_MAIN_CLASS, ...flags];
}

/** firebase-tools' own download command for the Firestore emulator, run with the installed CLI. */
export function fetchEmulatorArgs(root: string): string[] {
  return [path.join(root, 'node_modules', 'firebase-tools', 'lib', 'bin', 'firebase.js'), 'setup:emulators:firestore'];
}
