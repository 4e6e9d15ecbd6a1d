// views.open and views.update: modals opened from a trigger and later replaced.
import { type Args, type Handler, type OpenedView, type Reply, type Workspace, fail, isReply, ok, str } from './workspace.ts';

/** The format Slack's docs give for a trigger_id: "132456.7890123.abcdef". */
const TRIGGER_ID = /^\d+\.\d+\.[0-9a-f]+$/;

function viewArgument(args: Args): Record<string, unknown> | Reply {
  const view = args.view;
  if (typeof view !== 'object' || view === null || Array.isArray(view)) {
    return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: view'] } });
  }
  const record = view as Record<string, unknown>;
  if (record.type !== 'modal') {
    return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] must be one of: modal [json-pointer:/view/type]'] } });
  }
  return record;
}

function viewJson(ws: Workspace, opened: OpenedView): Record<string, unknown> {
  return {
    id: opened.id,
    team_id: ws.options.teamId,
    private_metadata: '',
    callback_id: '',
    external_id: '',
    blocks: [],
    ...opened.view,
    state: { values: {} },
    hash: opened.hash,
    clear_on_close: false,
    notify_on_close: false,
    root_view_id: opened.id,
    previous_view_id: null,
    app_id: ws.appId,
    bot_id: ws.botId,
  };
}

const open: Handler = (ws, args) => {
  const triggerId = str(args, 'trigger_id') ?? '';
  if (!TRIGGER_ID.test(triggerId)) return fail('invalid_trigger_id');
  if (ws.exchangedTriggers.has(triggerId)) return fail('exchanged_trigger_id');
  const view = viewArgument(args);
  if (isReply(view)) return view;
  ws.exchangedTriggers.add(triggerId);
  const opened: OpenedView = { id: ws.nextId('V'), trigger_id: triggerId, view, hash: ws.nextTs() };
  ws.views.push(opened);
  return ok({ view: viewJson(ws, opened) });
};

const update: Handler = (ws, args) => {
  const viewId = str(args, 'view_id');
  const externalId = str(args, 'external_id');
  const opened = ws.views.find((v) => (viewId !== undefined ? v.id === viewId : externalId !== undefined && v.view.external_id === externalId));
  if (!opened) return fail('not_found');
  const hash = str(args, 'hash');
  if (hash !== undefined && hash !== opened.hash) return fail('hash_conflict');
  const view = viewArgument(args);
  if (isReply(view)) return view;
  opened.view = view;
  opened.hash = ws.nextTs();
  return ok({ view: viewJson(ws, opened) });
};

export const viewMethods: Record<string, Handler> = {
  'views.open': open,
  'views.update': update,
};
