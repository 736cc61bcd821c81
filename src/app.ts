import type { Actor } from './core/audit/audit.ts';
import { createAuthService, type AuthService } from './core/auth/index.ts';
import { createCalendarService, todayInChina, type CalendarService, type CalendarYear } from './core/calendar/index.ts';
import { createClockService, type ClockService } from './core/clock/index.ts';
import type { Config } from './core/config.ts';
import type { DocumentPanel, Measure } from './core/module.ts';
import { createMailService, type MailService } from './core/mail/index.ts';
import { createReminderService, type ReminderService } from './core/reminders/index.ts';
import { openPglite, openPostgres, type Database } from './core/db/database.ts';
import { migrate } from './core/db/migrator.ts';
import { primaryOf, routeReads } from './core/db/replicas.ts';
import { createRateLimits, type RateLimits } from './core/limits/index.ts';
import { createAgencyService, type AgencyService } from './modules/agencies/index.ts';
import { createDisclosureService, type DisclosureService } from './modules/disclosure/index.ts';
import { createIngestService, type IngestService } from './modules/documents/index.ts';
import { createPublicationService, type PublicationService } from './modules/publication/index.ts';
import { deadlineRules, moduleDocumentPanels, moduleDueWork, moduleMeasures, modulePendingWork, modules } from './modules/modules.ts';
import { createSearchService, type SearchService } from './modules/search/index.ts';

/**
 * The composition root: the CLI, the server and background jobs all build
 * their services here, from one configuration, on one database.
 */
export interface AppContext {
  config: Config;
  db: Database;
  agencies: AgencyService;
  auth: AuthService;
  calendar: CalendarService;
  clocks: ClockService;
  /** Loads or corrects a year of the calendar, then moves every clock it changes. */
  loadCalendarYear(year: CalendarYear, actor: Actor): Promise<{ clocksRefreshed: number }>;
  disclosure: DisclosureService;
  /** Submission and sign-in limits, counted in the database so that every process shares them. */
  rateLimits: RateLimits;
  /** Mail to the public, through the outbox (SMTP_URL). */
  mail: MailService;
  /** Staff reminded of what falls due, from every module's clocks (src/core/reminders). */
  reminders: ReminderService;
  ingest: IngestService;
  publication: PublicationService;
  search: SearchService;
  /** What every module lets the assessment count, by code (src/core/module.ts). */
  measures: Readonly<Record<string, Measure>>;
  /** What the modules add to a library document's public page, in the list's order. */
  documentPanels(documentId: number): Promise<DocumentPanel[]>;
  close(): Promise<void>;
}

export async function openDatabase(config: Config): Promise<Database> {
  const settings = config.database;
  if (settings.kind === 'pglite') return openPglite(settings.dataDir);
  const primary = await openPostgres(settings.url);
  if (settings.readUrls.length === 0) return primary;
  // A replica down at start is tried again later; meanwhile the primary answers its reads.
  const replicas = await Promise.all(
    settings.readUrls.map(async (url, index) => ({ name: `replica ${index + 1}`, db: await openPostgres(url, { probe: false, connectTimeoutMs: 2_000 }) })),
  );
  return routeReads(primary, replicas);
}

export async function createContext(config: Config, options: { db?: Database; migrate?: boolean } = {}): Promise<AppContext> {
  const db = options.db ?? (await openDatabase(config));
  if (options.migrate ?? true) await migrate(db);
  const calendar = createCalendarService(db);
  const clocks = createClockService(db, calendar, deadlineRules);
  const ingest = createIngestService(db, config.limits);
  const mail = createMailService(db, config.mail);
  const context = {
    config,
    db,
    agencies: createAgencyService(db),
    auth: createAuthService(db),
    calendar,
    clocks,
    async loadCalendarYear(year, actor) {
      await calendar.loadYear(year, actor);
      return { clocksRefreshed: await clocks.refreshCaches(todayInChina()) };
    },
    disclosure: createDisclosureService(db, clocks, { mail, publicUrl: config.server.publicUrl }),
    mail,
    // On the primary itself: a count is written and read back at once, and never holds reads off the replicas.
    rateLimits: createRateLimits(primaryOf(db)),
    reminders: createReminderService(db, calendar, mail, { work: moduleDueWork, pending: modulePendingWork }, config.server.publicUrl),
    ingest,
    publication: createPublicationService(db, clocks, ingest, config.filesDir, config.limits),
    search: createSearchService(db),
    measures: moduleMeasures,
    async documentPanels(documentId) {
      const panels = await Promise.all(moduleDocumentPanels.map((panel) => panel(db, documentId)));
      return panels.filter((panel): panel is DocumentPanel => panel !== null);
    },
    close: () => db.close(),
  } as AppContext;
  // Each module's services, in the list's order (a module may use those before it).
  for (const module of modules) Object.assign(context, module.services?.(context));
  return context;
}
