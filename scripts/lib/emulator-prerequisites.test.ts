import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  acceptsFetch,
  explainEmulatorExit,
  fetchChoice,
  fetchEmulatorArgs,
  firebaseToolsCacheDir,
  firebaseToolsMinJava,
  firestoreEmulatorArgs,
  locateFirestoreEmulator,
  MissingPrerequisiteError,
  parseJavaVersion,
  planFirestoreEmulator,
  type FileProbe,
  type FirestoreEmulatorLocation,
  type PlanInput,
} from './emulator-prerequisites';

/** A machine described by the files it has: paths that exist, and directory listings. */
function machine(files: string[]): FileProbe {
  const set = new Set(files);
  return {
    exists: (p) => set.has(p) || files.some((f) => f.startsWith(`${p}/`)),
    list: (dir) => files.filter((f) => path.dirname(f) === dir).map((f) => path.basename(f)),
  };
}

const HOME = '/home/dev';
const GCLOUD_JAR = '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar';
const CACHE = '/home/dev/.cache/firebase/emulators';
const noGcloud = () => undefined;

describe('finding the Firestore emulator', () => {
  it('prefers FIRESTORE_EMULATOR_JAR, then the Google Cloud SDK, then the newest jar in the firebase-tools cache', () => {
    const files = machine([GCLOUD_JAR, `${CACHE}/cloud-firestore-emulator-v1.9.0.jar`, `${CACHE}/cloud-firestore-emulator-v1.22.0.jar`, '/opt/mine.jar']);
    expect(locateFirestoreEmulator({ FIRESTORE_EMULATOR_JAR: '/opt/mine.jar' }, { files, home: HOME, sdkRootFromGcloud: noGcloud })).toEqual({
      jar: '/opt/mine.jar',
      foundVia: 'FIRESTORE_EMULATOR_JAR',
      flavour: 'gcloud',
    });
    expect(locateFirestoreEmulator({}, { files, home: HOME, sdkRootFromGcloud: noGcloud })).toMatchObject({ jar: GCLOUD_JAR, foundVia: 'google-cloud-sdk' });
    const cacheOnly = machine([`${CACHE}/cloud-firestore-emulator-v1.9.0.jar`, `${CACHE}/cloud-firestore-emulator-v1.22.0.jar`, `${CACHE}/ui-v1.15.0.zip`]);
    expect(locateFirestoreEmulator({}, { files: cacheOnly, home: HOME, sdkRootFromGcloud: noGcloud })).toEqual({
      jar: `${CACHE}/cloud-firestore-emulator-v1.22.0.jar`,
      foundVia: 'firebase-tools-cache',
      flavour: 'firebase-tools',
    });
  });

  it('looks where firebase-tools downloads: FIREBASE_EMULATORS_PATH, else ~/.cache/firebase/emulators (not XDG_CACHE_HOME)', () => {
    expect(firebaseToolsCacheDir({ XDG_CACHE_HOME: '/xdg' }, HOME)).toBe(CACHE);
    expect(firebaseToolsCacheDir({ FIREBASE_EMULATORS_PATH: '/srv/emu' }, HOME)).toBe('/srv/emu');
    const files = machine(['/srv/emu/cloud-firestore-emulator-v1.22.0.jar']);
    expect(locateFirestoreEmulator({ FIREBASE_EMULATORS_PATH: '/srv/emu' }, { files, home: HOME, sdkRootFromGcloud: noGcloud })?.jar).toBe(
      '/srv/emu/cloud-firestore-emulator-v1.22.0.jar',
    );
  });

  it('asks gcloud for its SDK root only when no usual location exists, and reports nothing found as null', () => {
    let asked = 0;
    const files = machine(['/weird/sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar']);
    const found = locateFirestoreEmulator({}, { files, home: HOME, sdkRootFromGcloud: () => (asked++, '/weird/sdk') });
    expect(found?.foundVia).toBe('google-cloud-sdk');
    expect(asked).toBe(1);
    expect(locateFirestoreEmulator({}, { files: machine([]), home: HOME, sdkRootFromGcloud: noGcloud })).toBeNull();
  });

  it('stops on a FIRESTORE_EMULATOR_JAR that does not exist instead of offering a download', () => {
    expect(() => locateFirestoreEmulator({ FIRESTORE_EMULATOR_JAR: '/nope.jar' }, { files: machine([]), home: HOME })).toThrow(MissingPrerequisiteError);
    expect(() => locateFirestoreEmulator({ FIRESTORE_EMULATOR_JAR: '/nope.jar' }, { files: machine([]), home: HOME })).toThrow(
      /\/nope\.jar, which does not exist/,
    );
  });
});

describe('Java', () => {
  it('reads the major version from java -version, old and new style', () => {
    expect(parseJavaVersion('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')).toEqual({
      major: 17,
      version: 'openjdk version "17.0.15" 2025-04-15',
    });
    expect(parseJavaVersion('java version "1.8.0_392"')?.major).toBe(8);
    expect(parseJavaVersion('openjdk version "21" 2023-09-19')?.major).toBe(21);
    expect(parseJavaVersion('command not found')).toBeNull();
  });

  it('reads the floor firebase-tools declares for its emulators from the installed package', () => {
    expect(firebaseToolsMinJava(path.resolve(import.meta.dirname, '../..'))).toBe(21);
    expect(firebaseToolsMinJava('/no/such/project')).toBe(21);
  });

  it('names the Java a jar needs when it exits on an UnsupportedClassVersionError', () => {
    const log =
      'Error: LinkageError occurred while loading main class com.google.cloud.datastore.emulator.firestore.CloudFirestore\n\tjava.lang.UnsupportedClassVersionError: com/google/.../CloudFirestore has been compiled by a more recent version of the Java Runtime (class file version 65.0), this version of the Java Runtime only recognizes class file versions up to 61.0';
    expect(explainEmulatorExit(log)).toMatch(/needs Java 21 or newer/);
    expect(explainEmulatorExit('API endpoint: http://127.0.0.1:8080')).toBeUndefined();
  });
});

describe('what npm run dev does about the emulator', () => {
  const gcloud: FirestoreEmulatorLocation = { jar: GCLOUD_JAR, foundVia: 'google-cloud-sdk', flavour: 'gcloud' };
  const cached: FirestoreEmulatorLocation = {
    jar: `${CACHE}/cloud-firestore-emulator-v1.22.0.jar`,
    foundVia: 'firebase-tools-cache',
    flavour: 'firebase-tools',
  };
  const java = (major: number) => ({ major, version: `openjdk version "${major}.0.1"` });
  const base: PlanInput = { location: null, java: java(21), fetch: 'ask', interactive: true, firebaseToolsJava: 21 };

  it('starts a jar it found when Java is new enough for it: 17 for the gcloud jar, firebase-tools’ floor for its own', () => {
    expect(planFirestoreEmulator({ ...base, location: gcloud, java: java(17) })).toEqual({ action: 'start', location: gcloud });
    expect(planFirestoreEmulator({ ...base, location: cached, java: java(21) })).toEqual({ action: 'start', location: cached });
  });

  it('says which Java is needed when Java is missing or too old for the jar found', () => {
    const missing = planFirestoreEmulator({ ...base, location: gcloud, java: 'missing' });
    expect(missing).toMatchObject({ action: 'stop' });
    expect(missing.action === 'stop' && missing.message).toMatch(/Java was not found on PATH.*needs Java 17 or newer.*openjdk-17-jre-headless/);
    const old = planFirestoreEmulator({ ...base, location: gcloud, java: java(11) });
    expect(old.action === 'stop' && old.message).toMatch(/needs Java 17 or newer; found: openjdk version "11.0.1"/);
    const cachedOnOld = planFirestoreEmulator({ ...base, location: cached, java: java(17) });
    expect(cachedOnOld.action === 'stop' && cachedOnOld.message).toMatch(/firebase-tools cache.*needs Java 21 or newer.*google-cloud-cli-firestore-emulator/s);
  });

  it('offers the fetch at a terminal, fetches with --fetch-emulator, and otherwise says how to fetch', () => {
    expect(planFirestoreEmulator(base)).toMatchObject({ action: 'ask', question: expect.stringMatching(/Fetch it now through firebase-tools.*\[Y\/n\]/) });
    expect(planFirestoreEmulator({ ...base, fetch: 'yes', interactive: false })).toEqual({ action: 'fetch' });
    for (const input of [
      { ...base, interactive: false },
      { ...base, fetch: 'no' as const },
    ]) {
      const plan = planFirestoreEmulator(input);
      expect(plan.action).toBe('stop');
      expect(plan.action === 'stop' && plan.message).toMatch(/npm run dev -- --fetch-emulator/);
      expect(plan.action === 'stop' && plan.message).toMatch(/FETCH_FIRESTORE_EMULATOR=1/);
    }
  });

  it('does not offer a download that this Java could not run; it names both ways out', () => {
    for (const j of ['missing' as const, java(17)]) {
      const plan = planFirestoreEmulator({ ...base, java: j, fetch: 'yes' });
      expect(plan.action).toBe('stop');
      const message = plan.action === 'stop' ? plan.message : '';
      expect(message).toMatch(/install Java 21\+/);
      expect(message).toMatch(/runs on Java 17\+: apt-get install -y google-cloud-cli-firestore-emulator/);
    }
  });

  it('reads the fetch choice from the flag, then FETCH_FIRESTORE_EMULATOR, else asks; Enter means yes', () => {
    expect(fetchChoice(true, {})).toBe('yes');
    expect(fetchChoice(false, { FETCH_FIRESTORE_EMULATOR: '1' })).toBe('yes');
    expect(fetchChoice(false, { FETCH_FIRESTORE_EMULATOR: 'no' })).toBe('no');
    expect(fetchChoice(undefined, {})).toBe('ask');
    expect(acceptsFetch('')).toBe(true);
    expect(acceptsFetch('y')).toBe(true);
    expect(acceptsFetch(' No')).toBe(false);
  });
});

describe('command lines', () => {
  const launch = { host: '127.0.0.1', port: 8080, importMetadata: '/data/x.overall_export_metadata' };

  it('starts the gcloud jar by its main class and the firebase-tools jar with -jar, as firebase-tools does', () => {
    expect(firestoreEmulatorArgs({ jar: '/g.jar', flavour: 'gcloud' }, launch)).toEqual([
      '-Duser.language=en',
      '-Xss2m',
      '-cp',
      '/g.jar',
      'com.google.cloud.datastore.emulator.firestore.CloudFirestore',
      '--host',
      '127.0.0.1',
      '--port',
      '8080',
      '--seed_from_export=/data/x.overall_export_metadata',
    ]);
    expect(firestoreEmulatorArgs({ jar: '/c/cloud-firestore-emulator-v1.22.0.jar', flavour: 'firebase-tools' }, launch)).toEqual([
      '-Duser.language=en',
      '-Xss2m',
      '-jar',
      '/c/cloud-firestore-emulator-v1.22.0.jar',
      '--host',
      '127.0.0.1',
      '--port',
      '8080',
      '--seed_from_export',
      '/data/x.overall_export_metadata',
    ]);
  });

  it('fetches with the installed firebase-tools’ own command', () => {
    expect(fetchEmulatorArgs('/repo')).toEqual(['/repo/node_modules/firebase-tools/lib/bin/firebase.js', 'setup:emulators:firestore']);
  });
});
