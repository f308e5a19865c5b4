// RabbitMQ's HTTP authentication backend (rabbitmq_auth_backend_http, 3.10) asks the same questions
// as EMQX in another shape: form-encoded POSTs to four paths, answered by a plain-text body `allow`
// or `deny`. The decisions are BrokerHooks' (broker-auth/hooks.ts), the embedded broker's rules.
// RabbitMQ's MQTT plugin maps an MQTT topic to an AMQP routing key ('/' → '.', '+' → '*'), and each
// MQTT session to queues `mqtt-subscription-{client id}qos0|qos1` bound to the topic exchange; the
// resource checks below allow a client those queues and the exchange only, and the topic check
// applies the topic rules to the key mapped back. The hook token travels as the password of the
// URLs' user info (httpc sends it as Basic authorisation), checked in broker-hooks.ts.
import type { FastifyInstance } from 'fastify';
import type { BrokerHooks, HookDecision } from '../broker-auth/hooks.js';

/** The exchange the MQTT plugin publishes to and binds subscriptions on (`mqtt.exchange`). */
const MQTT_EXCHANGE = 'amq.topic';
const VHOST = '/';

type Form = Record<string, string | undefined>;

/** An AMQP routing key (or binding pattern) of the MQTT plugin, as the MQTT topic (or filter) it stands for. */
export function mqttTopicOf(routingKey: string): string {
  return routingKey
    .split('.')
    .map((word) => (word === '*' ? '+' : word))
    .join('/');
}

/** May this client use this queue or exchange? Its own MQTT subscription queues, and the MQTT exchange. */
export function resourceDecision(form: Form): HookDecision {
  if (form.vhost !== VHOST) return 'deny';
  const clientId = form.client_id ?? '';
  if (form.resource === 'exchange') return form.name === MQTT_EXCHANGE && form.permission !== 'configure' ? 'allow' : 'deny';
  if (form.resource === 'queue') {
    const own = clientId !== '' && (form.name === `mqtt-subscription-${clientId}qos0` || form.name === `mqtt-subscription-${clientId}qos1`);
    return own ? 'allow' : 'deny';
  }
  return 'deny';
}

export async function rabbitmqHookRoutes(app: FastifyInstance, hooks: BrokerHooks): Promise<void> {
  // The backend posts application/x-www-form-urlencoded; fields are short (bounded by bodyLimit).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8_192 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  const answer = (decision: HookDecision) => decision; // text/plain: the backend reads the body's first word
  const form = { type: 'object', additionalProperties: { type: 'string', maxLength: 65_535 } } as const;
  const plain = { 200: { type: 'string' } } as const;

  app.post<{ Body: Form }>('/user', {
    schema: { tags: ['broker'], summary: 'RabbitMQ HTTP authentication: may this client log in?', body: form, response: plain },
    handler: async ({ body }, reply) => {
      reply.type('text/plain');
      // client_id is sent for MQTT logins only; an AMQP login has none and is refused.
      return answer(await hooks.authenticate(body.client_id ?? '', body.username, body.password));
    },
  });

  app.post<{ Body: Form }>('/vhost', {
    schema: { tags: ['broker'], summary: 'RabbitMQ HTTP authorisation: may this user use the virtual host?', body: form, response: plain },
    handler: async ({ body }, reply) => {
      reply.type('text/plain');
      return answer(body.vhost === VHOST ? 'allow' : 'deny');
    },
  });

  app.post<{ Body: Form }>('/resource', {
    schema: { tags: ['broker'], summary: 'RabbitMQ HTTP authorisation: may this client use this queue or exchange?', body: form, response: plain },
    handler: async ({ body }, reply) => {
      reply.type('text/plain');
      return answer(resourceDecision(body));
    },
  });

  app.post<{ Body: Form }>('/topic', {
    schema: { tags: ['broker'], summary: 'RabbitMQ HTTP authorisation: may this client publish or subscribe to this topic?', body: form, response: plain },
    handler: async ({ body }, reply) => {
      reply.type('text/plain');
      if (body.vhost !== VHOST || body.name !== MQTT_EXCHANGE || body.routing_key === undefined) return answer('deny');
      const clientId = body['variable_map.client_id'] ?? '';
      const action = body.permission === 'write' ? 'publish' : body.permission === 'read' ? 'subscribe' : null;
      if (action === null) return answer('deny');
      return answer(hooks.authorize(clientId, body.username, mqttTopicOf(body.routing_key), action));
    },
  });
}
