// net/http.response: the latest response that the http:client resource with
// this uid received.
//
// That value comes from the resource engine, which is not wired to functions
// yet: until it is, this emits the "no response yet" value (status 0, empty
// output) once and then waits. It does not make any request itself.

import type { FuncDef, StreamContext } from '../../registry.js';
import { StructValue } from '../../../types/value.js';

function run(_args: unknown[], ctx: StreamContext): void {
  ctx.emit(new StructValue([['status', 0n], ['output', '']]));
}

export const response: FuncDef = {
  name: 'response',
  sig: 'func(uid str) struct{status int; output str}',
  stream: run,
  doc: 'The response of the http:client resource with this uid (not wired to the engine yet: status 0, empty output).',
};
