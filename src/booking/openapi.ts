/** The public booking API, described for clients (served at /api/v1/openapi.json); `codes` are the registry's. */
export function openApiDocument(publicUrl: string, codes: string[] = []) {
  const error = { $ref: '#/components/schemas/Problem' };
  const slot = {
    type: 'object',
    required: ['start', 'end'],
    properties: { start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time' } },
  };
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/problem+json': { schema: error } },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tandem booking API',
      version: '1.0.0',
      description:
        'Services, available times and bookings. Times are ISO-8601 UTC instants; days are read in the given IANA time zone.',
    },
    servers: [{ url: publicUrl }],
    paths: {
      '/api/v1/services': {
        get: {
          summary: 'Bookable services',
          responses: {
            '200': {
              description: 'The services',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['services'],
                    properties: { services: { type: 'array', items: { $ref: '#/components/schemas/Service' } } },
                  },
                },
              },
            },
            '429': errorResponse('Too many requests'),
          },
        },
      },
      '/api/v1/services/{id}/slots': {
        get: {
          summary: 'Free start times of a service between two dates (both included)',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
            {
              name: 'to',
              in: 'query',
              required: true,
              schema: { type: 'string', format: 'date' },
              description: 'At most 62 days after from.',
            },
            {
              name: 'timeZone',
              in: 'query',
              required: true,
              schema: { type: 'string' },
              description: 'IANA zone in which from and to are read, e.g. Europe/London.',
            },
          ],
          responses: {
            '200': {
              description: 'Free slots, in time order',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['slots'],
                    properties: { slots: { type: 'array', items: slot } },
                  },
                },
              },
            },
            '400': errorResponse('Bad query'),
            '404': errorResponse('Unknown service'),
            '429': errorResponse('Too many requests'),
          },
        },
      },
      '/api/v1/bookings': {
        post: {
          summary: 'Book a free slot',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string' },
              description: 'Same as requestId: a repeat returns the first booking (200).',
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['serviceId', 'start', 'timeZone', 'name', 'email'],
                  properties: {
                    serviceId: { type: 'string' },
                    start: { type: 'string', format: 'date-time', description: 'One of the slots' },
                    timeZone: { type: 'string', description: "The client's IANA zone; their emails use it" },
                    name: { type: 'string', maxLength: 100 },
                    email: { type: 'string', format: 'email' },
                    phone: { type: 'string', description: 'Required for phone sessions' },
                    note: { type: 'string', maxLength: 2000 },
                    modality: {
                      type: 'string',
                      enum: ['video', 'phone'],
                      description: 'Required when the service lets the client choose',
                    },
                    requestId: { type: 'string', pattern: '^[A-Za-z0-9-]{8,64}$' },
                  },
                },
              },
            },
          },
          responses: {
            '201': {
              description: 'Booked',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      booking: { $ref: '#/components/schemas/Booking' },
                      series: {
                        type: 'array',
                        items: { $ref: '#/components/schemas/Booking' },
                        description: 'A package (sessionsPerBooking > 1): every session it booked, the first included',
                      },
                    },
                  },
                },
              },
            },
            '202': {
              description: 'Requested: the coach approves new clients first (status pending)',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      booking: { $ref: '#/components/schemas/Booking' },
                      series: {
                        type: 'array',
                        items: { $ref: '#/components/schemas/Booking' },
                        description: 'A package (sessionsPerBooking > 1): every session it booked, the first included',
                      },
                    },
                  },
                },
              },
            },
            '200': { description: 'A repeat of an earlier request: the same booking' },
            '400': errorResponse('Invalid input (fields names each problem)'),
            '404': errorResponse('Unknown service'),
            '415': errorResponse('The body was not sent as application/json'),
            '409': errorResponse(
              'slot_taken (with the nearest available slots; for a package, any of its sessions), or once_per_client',
            ),
            '422': errorResponse(
              'in_past, too_soon, too_far, not_offered, or needs_intake (with bookingUrl: book on the web page instead)',
            ),
            '429': errorResponse('Too many requests'),
          },
        },
      },
    },
    components: {
      schemas: {
        Service: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            slug: { type: 'string' },
            name: { type: 'string' },
            summary: { type: 'string' },
            durationMinutes: { type: 'integer' },
            priceCents: { type: 'integer' },
            currency: { type: 'string' },
            modality: { type: 'string', enum: ['video', 'phone', 'choice'] },
            intakeRequired: { type: 'boolean' },
            approvalRequired: { type: 'boolean' },
            sessionsPerBooking: {
              type: 'integer',
              description: 'More than 1 for a package: one booking books them all, all or none',
            },
            packageRepeat: { type: 'string', enum: ['weekly', 'fortnightly', 'monthly'] },
            oncePerClient: { type: 'boolean', description: 'A client may book this service only once' },
            bookingUrl: { type: 'string', format: 'uri' },
          },
        },
        Booking: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            serviceId: { type: 'string' },
            status: { type: 'string', enum: ['pending', 'confirmed'] },
            start: { type: 'string', format: 'date-time' },
            end: { type: 'string', format: 'date-time' },
            timeZone: { type: 'string' },
            modality: { type: 'string', enum: ['video', 'phone'] },
            manageUrl: {
              type: 'string',
              format: 'uri',
              description: 'Secret link to reschedule or cancel; shown once',
            },
          },
        },
        Problem: {
          type: 'object',
          description:
            'Problem details (RFC 9457). `code` is stable; `type` is a page at /problems/<code> that says what it means.',
          required: ['type', 'title', 'status', 'detail', 'code'],
          properties: {
            type: { type: 'string', format: 'uri' },
            title: { type: 'string', description: 'The kind of problem, in words' },
            status: { type: 'integer' },
            detail: { type: 'string', description: 'This occurrence, in words a person can act on' },
            code: { type: 'string', ...(codes.length ? { enum: codes } : {}) },
            fields: {
              type: 'object',
              additionalProperties: { type: 'string' },
              description: 'bad_input: a message for each field',
            },
            nearest: { type: 'array', items: slot, description: 'slot_taken: the nearest available times' },
            bookingUrl: { type: 'string', format: 'uri', description: 'needs_intake: where to book instead' },
          },
        },
      },
    },
  };
}
