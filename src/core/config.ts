import { z } from 'zod';
import { AppError } from './errors.ts';

/**
 * Configuration is read from the environment here and nowhere else, once, at
 * start. No DATABASE_URL means the embedded database in DATA_DIR.
 */
const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  // PostgreSQL streaming replicas the portal's public reads go to, comma-separated (docs/adr/0009-read-replicas.md).
  DATABASE_READ_URL: z
    .string()
    .transform((value) => value.split(',').map((url) => url.trim()).filter((url) => url !== ''))
    .refine((urls) => urls.every((url) => /^postgres(ql)?:\/\//.test(url)), 'must be postgres:// or postgresql:// URLs, separated by commas')
    .optional(),
  // "on": every response says where its reads went (x-read-from: replica 1 …, primary, or none when nothing was read).
  DATABASE_READ_HEADER: z.enum(['on', 'off']).default('off'),
  DATA_DIR: z.string().min(1).default('./data'),
  // Where the texts published on the platform are kept (and ingested from), whichever database is used.
  FILES_DIR: z.string().min(1).optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Behind a reverse proxy that terminates TLS: its address (or "true"), so that client addresses
  // (rate limits, the audit log) and https (secure cookies) are read from X-Forwarded-* headers.
  TRUST_PROXY: z.string().min(1).optional(),
  // The portal's public address, written into the sitemap, the feed and robots.txt; never taken
  // from the request's Host header, which the client chooses. Default: http://HOST:PORT.
  PUBLIC_URL: z
    .string()
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && !url.search && !url.hash;
      } catch {
        return false;
      }
    }, 'must be an http:// or https:// address, without user, query or fragment (e.g. https://wenjian.example.gov.cn)')
    .optional(),
  // The server's structured log (pino, JSON lines on standard output).
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_FILE_MB: z.coerce.number().positive().max(2048).default(50),
  MAX_LINE_CHARS: z.coerce.number().int().positive().default(1_000_000),
  // The largest annex (附件) a publication may carry, each; kept in the database with the originals.
  MAX_ANNEX_MB: z.coerce.number().positive().max(512).default(20),
  // Ingesting PDF and OFD: the most pages one file may have; DOCX and OFD: what all of a file's zip entries may inflate to (zip bombs).
  MAX_PAGES: z.coerce.number().int().positive().default(2000),
  MAX_UNZIPPED_MB: z.coerce.number().positive().max(4096).default(200),
  // Scanned PDFs and images are read by OCR (Debian's tesseract-ocr, tesseract-ocr-chi-sim, poppler-utils):
  // the commands, and the seconds one page and one whole file may take.
  TESSERACT_COMMAND: z.string().min(1).default('tesseract'),
  PDFTOPPM_COMMAND: z.string().min(1).default('pdftoppm'),
  OCR_PAGE_SECONDS: z.coerce.number().positive().max(3600).default(60),
  OCR_SECONDS: z.coerce.number().positive().max(86400).default(600),
  // The Chinese font printed notices are set in (Debian's fonts-noto-cjk), and its face inside the collection.
  CJK_FONT: z.string().min(1).default('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc'),
  CJK_FONT_FACE: z.string().min(1).default('NotoSerifCJKsc-Regular'),
  // The Ed25519 key (gongkai audit keygen) that signs audit checkpoints, kept outside the database; how often the server signs one.
  AUDIT_KEY_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  // Mail to the public (applicants told of progress): an smtp:// or smtps:// URL; unset, nothing is sent.
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).default('政府信息公开 <noreply@localhost>'),
  MAIL_SEND_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  // How often the server reminds staff of what falls due (in the console, and by mail to those who gave an address).
  REMINDER_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  // An ALTCHA proof-of-work on the public forms against bulk posting (the forms then need JavaScript); the secret that signs its challenges, shared by every process.
  PROOF_OF_WORK: z.enum(['on', 'off']).default('off'),
  PROOF_OF_WORK_SECRET: z.string().min(16).optional(),
  // Signs the expiring download links of conditionally open data (有条件开放) given to approved requesters; shared by every process.
  CATALOGUE_LINK_SECRET: z.string().min(16).optional(),
  // Seconds a rendered document page is kept in the process and served again as it was (0: rendered on every request).
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(0),
});

export interface Config {
  database: { kind: 'postgres'; url: string; readUrls: string[]; readHeader: boolean } | { kind: 'pglite'; dataDir: string };
  server: { host: string; port: number; trustProxy: boolean | string; publicUrl: string; logLevel: LogLevel; pageCacheSeconds: number };
  limits: {
    maxFileBytes: number;
    maxLineChars: number;
    maxAnnexBytes: number;
    maxPages: number;
    maxUnzippedBytes: number;
    ocr: { tesseract: string; pdftoppm: string; pageSeconds: number; fileSeconds: number };
  };
  font: { path: string; face: string };
  filesDir: string;
  audit: { keyFile: string | null; checkpointMinutes: number };
  mail: { smtpUrl: string | null; from: string; sendEverySeconds: number };
  reminders: { everyMinutes: number };
  proofOfWork: { enabled: boolean; secret: string | null };
  catalogue: { linkSecret: string | null };
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

function defaultPublicUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // A variable set to nothing (SMTP_URL= in an env file) means unset, as shells and compose files write it.
  const parsed = schema
    .superRefine((values, problems) => {
      if (values.DATABASE_READ_URL?.length && !values.DATABASE_URL) {
        problems.addIssue({ code: 'custom', path: ['DATABASE_READ_URL'], message: 'needs DATABASE_URL: the embedded database (PGlite) has no replicas' });
      }
    })
    .safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('config_invalid', `配置无效:\n  ${problems.join('\n  ')}`, { problems });
  }
  const values = parsed.data;
  return {
    database: values.DATABASE_URL
      ? { kind: 'postgres', url: values.DATABASE_URL, readUrls: values.DATABASE_READ_URL ?? [], readHeader: values.DATABASE_READ_HEADER === 'on' }
      : { kind: 'pglite', dataDir: values.DATA_DIR },
    server: {
      host: values.HOST,
      port: values.PORT,
      trustProxy: values.TRUST_PROXY === undefined ? false : values.TRUST_PROXY === 'true' ? true : values.TRUST_PROXY,
      // Origin plus any path prefix, without the trailing slash: links append "/sitemap.xml".
      publicUrl: values.PUBLIC_URL ? new URL(values.PUBLIC_URL).href.replace(/\/+$/, '') : defaultPublicUrl(values.HOST, values.PORT),
      logLevel: values.LOG_LEVEL,
      pageCacheSeconds: values.PAGE_CACHE_SECONDS,
    },
    limits: { maxFileBytes: Math.round(values.MAX_FILE_MB * 1024 * 1024), maxLineChars: values.MAX_LINE_CHARS, maxAnnexBytes: Math.round(values.MAX_ANNEX_MB * 1024 * 1024),
      maxPages: values.MAX_PAGES,
      maxUnzippedBytes: Math.round(values.MAX_UNZIPPED_MB * 1024 * 1024),
      ocr: { tesseract: values.TESSERACT_COMMAND, pdftoppm: values.PDFTOPPM_COMMAND, pageSeconds: values.OCR_PAGE_SECONDS, fileSeconds: values.OCR_SECONDS },
    },
    font: { path: values.CJK_FONT, face: values.CJK_FONT_FACE },
    filesDir: values.FILES_DIR ?? `${values.DATA_DIR.replace(/\/+$/, '')}-files`,
    audit: { keyFile: values.AUDIT_KEY_FILE ?? null, checkpointMinutes: values.AUDIT_CHECKPOINT_MINUTES },
    mail: { smtpUrl: values.SMTP_URL ?? null, from: values.MAIL_FROM, sendEverySeconds: values.MAIL_SEND_SECONDS },
    reminders: { everyMinutes: values.REMINDER_MINUTES },
    proofOfWork: { enabled: values.PROOF_OF_WORK === 'on', secret: values.PROOF_OF_WORK_SECRET ?? null },
    catalogue: { linkSecret: values.CATALOGUE_LINK_SECRET ?? null },
  };
}
