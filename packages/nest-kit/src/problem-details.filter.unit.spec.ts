import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { ForbiddenError, UnauthenticatedError } from '@traiettorie/contracts';
import { createHttpApp } from './http-app.js';

@Controller('door')
class DoorController {
  @Get('forbidden')
  forbidden(): never {
    throw new ForbiddenError('client ss-adda does not act for Ambito LOM-SESTO-SAN-GIOVANNI', 'ambito-not-yours');
  }

  @Get('unauthenticated')
  unauthenticated(): never {
    throw new UnauthenticatedError('the voucher has expired', 'voucher-expired');
  }
}

@Module({ controllers: [DoorController] })
class DoorModule {}

describe('refusals at the door, as problem details', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    app = await createHttpApp(DoorModule, { name: 'door-test', description: 'refusals', port: 0 });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app.close());

  it('when a rule forbids the request › 403 application/problem+json of type forbidden, naming the rule', async () => {
    const response = await fetch(`${url}/door/forbidden`);

    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toEqual({
      type: 'urn:traiettorie:problem:forbidden',
      title: 'Forbidden',
      status: 403,
      detail: 'client ss-adda does not act for Ambito LOM-SESTO-SAN-GIOVANNI',
      rule: 'ambito-not-yours',
      instance: '/door/forbidden',
    });
  });

  it('when the caller is not authenticated › 401 application/problem+json of type unauthenticated, naming the reason', async () => {
    const response = await fetch(`${url}/door/unauthenticated`);

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ type: 'urn:traiettorie:problem:unauthenticated', status: 401, rule: 'voucher-expired' });
  });
});
