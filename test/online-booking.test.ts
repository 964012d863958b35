import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from './support/databases.ts';
import type { TestClient, ErrorResponseBody } from './support/server.ts';
import { createPatient, createUser } from './support/fixtures.ts';
import { agentClient, at, createAgendaWorld, upcoming, rowCount, type AgendaWorld } from './support/agenda-fixtures.ts';
import { startNotifyStack, type NotifyStack } from './support/notify-stack.ts';

interface Page {
  name: string;
  practitioners: { id: string; name: string; motifs: { id: string; label: string }[] }[];
  sites: Record<string, unknown>[];
}
interface Confirmation {
  appointment: { id: string; start: string };
  motif: { label: string; instructions: string | null };
  practice: { sites: { digicode: string | null }[] };
  manageUrl: string;
}
type SlotTaken = ErrorResponseBody & { error: { details: { nextSlots: { start: string }[] } } };

for (const kind of testDatabaseKinds()) {
  describe(`public online booking (${kind})`, () => {
    let stack: NotifyStack;
    let w: AgendaWorld;
    let visitor: TestClient;
    let agent: TestClient;
    const slug = `cabinet-${kind}`;
    let phoneSeq = 10;
    const nextPhone = () => `06 12 34 56 ${String(phoneSeq++).padStart(2, '0')}`;
    const e164 = (p: string) => `+33${p.replace(/\s/g, '').slice(1)}`;

    before(async () => {
      stack = await startNotifyStack(kind, { smtpFrom: 'Relais <no-reply@relais.test>', smsFrom: '+33700000000' });
      w = await createAgendaWorld(stack.t.db, { patients: 2 });
      await stack.t.db.query(`update motifs set online_bookable = true, patient_instructions = 'Venir à jeun.' where id = $1`, [w.motifId]);
      await stack.t.db.query(`insert into online_booking_settings (practice_id, organisation_id, slug) values ($1, $2, $3)`, [
        w.practiceId,
        w.organisationId,
        slug,
      ]);
      await stack.t.db.query(
        `insert into practice_sites (practice_id, label, address_line, postal_code, city, digicode, transport) values ($1, 'Cabinet', '3 rue des Lilas', '75019', 'Paris', '4512B', 'Métro Place des Fêtes')`,
        [w.practiceId],
      );
      visitor = stack.server.client();
      agent = await agentClient(stack.server, w);
    });
    after(async () => {
      await stack?.close();
    });

    const base = `/api/public/booking/${slug}`;
    const codeFor = (phone: string) => {
      const sms = stack.twilio.to(e164(phone)).at(-1);
      assert.ok(sms, 'a code was sent by SMS');
      assert.doesNotMatch(sms.body, /Consultation|jeun/i, 'no health data in the SMS');
      return /(\d{6})/.exec(sms.body)![1]!;
    };
    const ask = (o: { start: string; phone: string; birthName?: string; firstGivenName?: string; birthDate?: string }) =>
      visitor.post<{ requestId: string }>(`${base}/requests`, {
        practitionerId: w.practitionerId,
        motifId: w.motifId,
        start: o.start,
        birthName: o.birthName ?? 'Nouvel',
        firstGivenName: o.firstGivenName ?? 'Arthur',
        birthDate: o.birthDate ?? '1990-02-03',
        sex: 'M',
        mobilePhone: o.phone,
      });

    it('shows the practice, its practitioners and only their online motifs, without the digicode', async () => {
      const page = await visitor.get<Page>(base);
      assert.equal(page.status, 200);
      assert.equal(page.body.practitioners.length, 1);
      assert.deepEqual(
        page.body.practitioners[0]!.motifs.map((m) => m.label),
        ['Consultation'],
      );
      assert.ok(!JSON.stringify(page.body).includes('4512B'));
      assert.equal((await visitor.get(`/api/public/booking/no-such-practice`)).status, 404);
      const slots = await visitor.get<{ items: { start: string }[] }>(`${base}/slots?practitionerId=${w.practitionerId}&motifId=${w.motifId}`);
      assert.equal(slots.status, 200);
      assert.ok(slots.body.items.length > 0);
      const offline = await visitor.get(`${base}/slots?practitionerId=${w.practitionerId}&motifId=${w.longMotifId}`);
      assert.equal(offline.status, 404);
    });

    it('books with the SMS code: a wrong code is refused, the right one books online and gives the instructions and the manage link', async () => {
      const phone = nextPhone();
      const start = at(w.timeZone, upcoming(w.timeZone, 2), '09:00');
      const asked = await ask({ start, phone });
      assert.equal(asked.status, 201, asked.text);
      const code = codeFor(phone);
      const wrong = await visitor.post<ErrorResponseBody>(`${base}/requests/${asked.body.requestId}/confirm`, {
        code: code === '000000' ? '111111' : '000000',
      });
      assert.equal(wrong.status, 422);
      assert.equal(wrong.body.error.code, 'booking_code_invalid');
      const ok = await visitor.post<Confirmation>(`${base}/requests/${asked.body.requestId}/confirm`, { code });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.appointment.start, start);
      assert.equal(ok.body.motif.instructions, 'Venir à jeun.');
      assert.equal(ok.body.practice.sites[0]!.digicode, '4512B');
      const { rows } = await stack.t.db.query<{ channel: string; identity_status: string; mobile_phone: string }>(
        `select a.channel, p.identity_status, p.mobile_phone from appointments a join patients p on p.id = a.patient_id where a.id = $1`,
        [ok.body.appointment.id],
      );
      assert.deepEqual(rows[0], { channel: 'online', identity_status: 'provisional', mobile_phone: e164(phone) });
      const token = new URL(ok.body.manageUrl).pathname.split('/').at(-1)!;
      assert.equal((await visitor.get(`/api/public/links/${token}`)).status, 200);
      assert.equal((await visitor.post(`${base}/requests/${asked.body.requestId}/confirm`, { code })).status, 409, 'a request books once');
    });

    it('attaches to an existing patient only after the code, and answers the same before it', async () => {
      const phone = nextPhone();
      const existing = await createPatient(stack.t.db, {
        organisationId: w.organisationId,
        practiceId: w.practiceId,
        birthName: 'Connu',
        firstGivenName: 'Paul',
        birthDate: '1970-01-01',
        sex: 'M',
      });
      const before = await rowCount(stack.t.db, 'select 1 from patients where practice_id = $1', [w.practiceId]);
      const known = await ask({
        start: at(w.timeZone, upcoming(w.timeZone, 2), '10:00'),
        phone,
        birthName: 'Connu',
        firstGivenName: 'Paul',
        birthDate: '1970-01-01',
      });
      const unknown = await ask({ start: at(w.timeZone, upcoming(w.timeZone, 2), '10:20'), phone: nextPhone(), birthName: 'Inconnu', firstGivenName: 'Luc' });
      assert.equal(known.status, unknown.status);
      assert.deepEqual(Object.keys(known.body).sort(), Object.keys(unknown.body).sort());
      const ok = await visitor.post<Confirmation>(`${base}/requests/${known.body.requestId}/confirm`, { code: codeFor(phone) });
      assert.equal(ok.status, 200, ok.text);
      const { rows } = await stack.t.db.query<{ patient_id: string }>('select patient_id from appointments where id = $1', [ok.body.appointment.id]);
      assert.equal(rows[0]!.patient_id, existing);
      assert.equal(await rowCount(stack.t.db, 'select 1 from patients where practice_id = $1', [w.practiceId]), before);
    });

    it('a slot taken meanwhile answers the next slots, and the same code books one of them', async () => {
      const phone = nextPhone();
      const start = at(w.timeZone, upcoming(w.timeZone, 3), '11:00');
      const asked = await ask({ start, phone });
      const taken = await agent.post('/api/appointments', { practitionerId: w.practitionerId, patientId: w.patientIds[0], motifId: w.motifId, start });
      assert.equal(taken.status, 201);
      const code = codeFor(phone);
      const conflict = await visitor.post<SlotTaken>(`${base}/requests/${asked.body.requestId}/confirm`, { code });
      assert.equal(conflict.status, 409);
      assert.equal(conflict.body.error.code, 'slot_taken');
      const next = conflict.body.error.details.nextSlots[0]!;
      const ok = await visitor.post<Confirmation>(`${base}/requests/${asked.body.requestId}/confirm`, { code, start: next.start });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.appointment.start, next.start);
    });

    it('caps pending requests per phone (no third SMS) and refuses a number that is not a phone', async () => {
      const phone = nextPhone();
      const start = at(w.timeZone, upcoming(w.timeZone, 4), '15:00');
      assert.equal((await ask({ start, phone })).status, 201);
      assert.equal((await ask({ start, phone })).status, 201);
      const capped = await ask({ start, phone });
      assert.equal(capped.status, 429);
      assert.equal((capped.body as unknown as ErrorResponseBody).error.code, 'online_booking_cap');
      assert.equal(stack.twilio.to(e164(phone)).length, 2, 'no third SMS');
      const bad = await ask({ start, phone: '01 23' });
      assert.equal(bad.status, 400);
    });

    it('the practice chooses secretary confirmation, and may close its page (admin only)', async () => {
      const a = await createUser(stack.t.db, { organisationId: w.organisationId, role: 'admin' });
      const admin = stack.server.client();
      await admin.login(a.email, a.password);
      const url = `/api/online-booking/settings/${w.practiceId}`;
      assert.equal((await agent.put(url, { slug, enabled: true, requiresConfirmation: true })).status, 403);
      assert.equal((await admin.put(url, { slug, enabled: true, requiresConfirmation: true })).status, 200);
      const phone = nextPhone();
      const asked = await ask({ start: at(w.timeZone, upcoming(w.timeZone, 5), '16:00'), phone });
      const ok = await visitor.post<Confirmation & { awaitingConfirmation: boolean }>(`${base}/requests/${asked.body.requestId}/confirm`, {
        code: codeFor(phone),
      });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.body.awaitingConfirmation, true);
      assert.equal((await admin.put(url, { slug, enabled: false, requiresConfirmation: true })).status, 200);
      assert.equal((await visitor.get(base)).status, 404);
      assert.equal((await admin.put(url, { slug, enabled: true, requiresConfirmation: false })).status, 200);
    });
  });
}
