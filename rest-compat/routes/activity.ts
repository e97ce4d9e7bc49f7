import { Router, type Request } from 'express';
import { validationError } from '../../kernel/errors.js';
import {
  ArchiveActivityDocument,
  ListActivityDocument,
  MarkActivitySeenDocument,
  type ActivityEntryFieldsFragment,
} from '../generated/graphql.js';
import { body, optionalString, optionalStringList, paging } from '../params.js';
import { route, type Execute } from '../route.js';

/** An ISO 8601 date or date-time of the query string, or nothing. */
function dateQuery(req: Request, name: string): string | undefined {
  const raw = optionalString(req.query[name], name);
  if (!raw) return undefined;
  const time = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(time))
    throw validationError(`${name} must be an ISO 8601 date`, { [name]: raw.slice(0, 40) });
  return new Date(time).toISOString();
}

function booleanQuery(req: Request, name: string): boolean | undefined {
  const raw = req.query[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw validationError(`${name} must be true or false`);
}

/** `{eventIds}` or `{all: true}`; an empty body means every entry (the seed's bare call). */
function selection(req: Request): { eventIds?: string[]; all?: boolean } {
  const input = body(req);
  const eventIds = optionalStringList(input.eventIds, 'eventIds');
  if (input.all !== undefined && typeof input.all !== 'boolean') throw validationError('all must be true or false');
  return eventIds?.length ? { eventIds, all: input.all === true } : { all: input.all ?? true };
}

const entryJson = (entry: ActivityEntryFieldsFragment) => ({ ...entry, data: JSON.parse(entry.data) as unknown });

/** GET /api/activity, POST /api/activity/mark-seen, POST /api/activity/archive (`archive: false` restores to the inbox). */
export function activityRoutes(execute: Execute): Router {
  const router = Router();
  router.get(
    '/activity',
    route(
      execute,
      ListActivityDocument,
      (req) => ({
        ...paging(req),
        startDate: dateQuery(req, 'startDate'),
        endDate: dateQuery(req, 'endDate'),
        search: optionalString(req.query.search, 'search'),
        archived: booleanQuery(req, 'archived'),
      }),
      (data) => ({ data: data.activity.items.map(entryJson), meta: { ...data.activity.meta, unseen: data.activity.unseenCount } }),
    ),
  );
  router.post(
    '/activity/mark-seen',
    route(
      execute,
      MarkActivitySeenDocument,
      (req) => ({ input: selection(req) }),
      (data) => ({ data: { updated: data.markActivitySeen } }),
    ),
  );
  router.post(
    '/activity/archive',
    route(
      execute,
      ArchiveActivityDocument,
      (req) => {
        const archive = body(req).archive;
        if (archive !== undefined && typeof archive !== 'boolean') throw validationError('archive must be true or false');
        return { input: selection(req), archive: archive ?? true };
      },
      (data) => ({ data: { updated: data.archiveActivity } }),
    ),
  );
  return router;
}
