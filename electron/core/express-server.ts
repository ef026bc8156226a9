/**
 * An HTTP server for an express app whose requests and responses are born with express's
 * prototypes. express's `app.handle` calls `Object.setPrototypeOf(req, app.request)` (and the
 * same for res) on every request; on objects built as plain IncomingMessage/ServerResponse that
 * changes their shape, and V8 then runs every later property access on them (Node's own HTTP
 * code included) on the slow path. When the prototype is already the one express sets, the call
 * changes nothing: it cut express's CPU per request to about a third (see bench/FINDINGS.md §5).
 */
import { createServer, IncomingMessage, ServerResponse, type Server, type ServerOptions } from 'node:http';
import type { Express } from 'express';

type Options = Omit<ServerOptions, 'IncomingMessage' | 'ServerResponse'>;

export function createExpressServer(app: Express, options: Options = {}): Server {
  // Constructor functions, not classes: the instances' prototype must be app.request itself
  // (an ES subclass would put its own prototype in between and express would set it again).
  function Request(this: IncomingMessage, ...args: ConstructorParameters<typeof IncomingMessage>): void {
    IncomingMessage.apply(this, args);
  }
  Request.prototype = app.request;
  function Response(this: ServerResponse, ...args: ConstructorParameters<typeof ServerResponse>): void {
    ServerResponse.apply(this, args);
  }
  Response.prototype = app.response;
  return createServer({
    ...options,
    IncomingMessage: Request as unknown as typeof IncomingMessage,
    ServerResponse: Response as unknown as typeof ServerResponse,
  }, app);
}
