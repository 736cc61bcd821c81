import type { FastifyInstance } from 'fastify';
import type { StaffUser } from './auth/auth.types.ts';
import type { Policy } from './auth/policy.ts';
import type { DeadlineRule } from './clock/clock.types.ts';
import type { Queryable } from './db/database.ts';

/**
 * What a module of the domain brings to the application, declared in one
 * place (its `<name>.module.ts`). The list of modules (src/modules/modules.ts)
 * is the only other place that names it: the composition root builds the
 * services from it, the server its routes, the OpenAPI document its paths, the
 * clock its default deadline rules, the audit log its action labels, the CLI
 * its commands, and the console discovers the module's screens in its `web/`
 * folder. See docs/adr/0007-modules.md.
 *
 * `C` is the application context (src/app.ts); a module adds its service to
 * it by declaration merging on `AppContext` and returns it from `services`.
 */
export interface ModuleManifest<C> {
  /** The folder name, also the prefix of its audit actions and deadline rule codes. */
  readonly name: string;
  /** The Chinese name staff read (menus, audit log, rule lists). */
  readonly label: string;
  /** Builds the module's services; modules earlier in the list are on the context already. */
  readonly services?: (context: C) => Partial<C>;
  /** Its policy: what each ability allows. The console is told each one's answer for the signed-in user (`<name>.<ability>`). */
  readonly policy?: Policy<string, any, any>;
  /** Public JSON, staff JSON and server-rendered public pages. */
  readonly routes?: (app: FastifyInstance, context: C) => void;
  /** Sections it adds to the portal's main navigation. */
  readonly portalNav?: readonly { href: string; label: string }[];
  /** The module's paths in the OpenAPI document served at /api/docs. */
  readonly openApiPaths?: Readonly<Record<string, unknown>>;
  /** The time limits its clocks run on, each with its source; installed as defaults. */
  readonly deadlineRules?: readonly DeadlineRule[];
  /** Every audit action the module writes, with its Chinese label. */
  readonly auditActions?: Readonly<Record<string, string>>;
  /** The kinds of subject its audit events name (`disclosure_request`), with their Chinese names. */
  readonly auditSubjects?: Readonly<Record<string, string>>;
  /** For each of those kinds, the names of subjects by id (a tracking code, a title), for the audit log's readers. */
  readonly auditSubjectNames?: Readonly<Record<string, SubjectNames>>;
  /**
   * One request to each state-changing staff route it adds: the security sweep
   * (test/staff/staff.test.ts) replays each without a session, without the CSRF
   * token and as a user without the ability, and fails on a route missing here.
   */
  readonly securitySweep?: readonly { url: string; method?: 'POST' | 'PUT' | 'DELETE'; payload: Record<string, string> }[];
  /** What an assessment can count from the module's records (a late reply, a policy without its interpretation), by agency. */
  readonly measures?: Readonly<Record<string, Measure>>;
  /**
   * For each kind of case it times (by a clock or by a date of its own), what
   * falls due: the reminders and the dashboard (src/core/reminders) ask each
   * module, in SQL it owns, without knowing its tables.
   */
  readonly dueWork?: Readonly<Record<string, DueWork>>;
  /** What the module shows on a library document's public page (a message board, the consultation that produced it). */
  readonly documentPanel?: (db: Queryable, documentId: number) => Promise<DocumentPanel | null>;
  /** Work waiting without a clock (messages to moderate …), counted on the dashboard by agency. */
  readonly pendingWork?: readonly PendingWork[];
  /** `gongkai <command> …` sub-commands the module answers. */
  readonly commands?: Readonly<Record<string, ModuleCommand<C>>>;
}

/**
 * Something the assessment counts from a module's records: every occurrence
 * in a year, with the agency it counts against and the case behind it, so a
 * deduction can always be traced to what caused it.
 */
export interface Measure {
  /** What one occurrence is, in Chinese: 超期答复的依申请公开申请. */
  label: string;
  /** The rule it checks, with its source. */
  source: string;
  occurrences(db: Queryable, year: number, today: string): Promise<MeasureOccurrence[]>;
}

export interface MeasureOccurrence {
  agencyId: number;
  /** What it is about, for the reader: a tracking code, a title. */
  subject: string;
  /** Where staff open it in the console, when there is a page. */
  link: string | null;
  /** The day it happened (the late reply's date), or the due date passed for one still open. */
  on: string;
}

/** A kind of case with time limits, as the reminders see it. */
export interface DueWork {
  /** What one is, in Chinese: 留言. */
  label: string;
  /** What each time limit is for (`reply` → 答复); one missing here is named by the label alone. */
  purposes?: Readonly<Record<string, string>>;
  /** The open cases whose limit ends by `until`, of one agency (null: every agency), most urgent first. */
  due(db: Queryable, query: DueQuery): Promise<DueCaseRow[]>;
}

export interface DueQuery {
  until: string;
  /** Limits ending before this day are left out (the job looks back a month; the dashboard does not). */
  from?: string;
  agencyId: number | null;
  limit: number;
}

/** One time limit of an open case: who answers it, what staff call the case, the console path that opens it. */
export interface DueCaseRow {
  id: number;
  /** The clock's purpose, or `due` for a case's own date. */
  purpose: string;
  dueOn: string;
  agencyIds: number[];
  name: string;
  link: string;
}

/** A section a module adds to a document's public page: a heading and links, rendered (and escaped) by the documents module. */
export interface DocumentPanel {
  heading: string;
  links: { href: string; label: string; note?: string }[];
}

/** Something waiting for staff that no clock times: how many an agency (every agency: null) has, and where to see them. */
export interface PendingWork {
  label: string;
  link: string;
  count(db: Queryable, agencyId: number | null): Promise<number>;
}

export type SubjectNames = (db: Queryable, ids: readonly string[]) => Promise<{ id: string; name: string }[]>;

export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

export interface ModuleCommand<C> {
  /** One or more usage lines for `gongkai --help`. */
  readonly usage: string;
  /** Its options, as node:util parseArgs takes them (shared by name with every other command). */
  readonly options?: Readonly<Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>>;
  run(args: string[], options: Readonly<Record<string, string | boolean | string[] | undefined>>, context: C, io: CommandOutput): Promise<number>;
}

/** Everything of one kind the modules declare, with the module that declared each, refusing duplicates. */
export function collect<C, T>(modules: readonly ModuleManifest<C>[], pick: (module: ModuleManifest<C>) => Readonly<Record<string, T>> | undefined): Record<string, T> {
  const all: Record<string, T> = {};
  const owner: Record<string, string> = {};
  for (const module of modules) {
    for (const [key, value] of Object.entries(pick(module) ?? {})) {
      if (Object.hasOwn(all, key)) throw new Error(`${key} is declared by both ${owner[key]} and ${module.name}`);
      all[key] = value;
      owner[key] = module.name;
    }
  }
  return all;
}

/** Every module's abilities for a user, before any resource: what the console's menus follow. */
export function abilitiesOf<C>(modules: readonly ModuleManifest<C>[], user: StaffUser): Record<string, boolean> {
  const abilities: Record<string, boolean> = {};
  for (const module of modules) {
    for (const [ability, allowed] of Object.entries(module.policy?.abilities(user) ?? {})) abilities[`${module.name}.${ability}`] = allowed;
  }
  return abilities;
}
