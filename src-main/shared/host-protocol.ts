/**
 * The browser host's WebSocket messages: the same requests and events as the contract,
 * framed as JSON. The client sends requests; the server answers each with the envelope for
 * its id and pushes events to every connected page.
 */
import type { Envelope, EventName, EventPayloads, RequestName } from './contract';

/** The WebSocket path of the API, on the same origin as the page. */
export const HOST_API_PATH = '/api';

export interface HostRequestMessage {
  id: number;
  name: RequestName;
  args: unknown;
}

export interface HostResponseMessage {
  id: number;
  envelope: Envelope<unknown>;
}

export type HostEventMessage = { [E in EventName]: { event: E; payload: EventPayloads[E] } }[EventName];

export type HostServerMessage = HostResponseMessage | HostEventMessage;
