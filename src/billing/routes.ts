/**
 * /api/billing/* and /api/invoices/*: contracts, monthly runs, invoices, credit notes, payments, Factur-X PDF
 * and CII XML, value report. Admins manage; a practitioner reads his practices' issued invoices. Thin.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../core/auth/guard.ts';
import type { Db } from '../core/db/types.ts';
import { systemClock, type Clock } from '../core/time/clock.ts';
import * as contracts from './contracts-service.ts';
import * as invoices from './invoice-service.ts';
import { valueReport } from './report-service.ts';
import { createRun } from './run-service.ts';
import {
  zClientInput,
  zContractInput,
  zContractList,
  zCreated,
  zCreditNoteInput,
  zFreeLineInput,
  zIdParams,
  zInvoiceDetail,
  zInvoiceList,
  zInvoiceQuery,
  zLineParams,
  zPaymentInput,
  zRunInput,
  zRunResult,
  zSellerInput,
  zValueReport,
  zVersionInput,
} from './schemas.ts';

const tags = ['billing'];

export function billingRoutes(db: Db, clock: Clock = systemClock): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/billing/sellers',
      { schema: { tags, summary: 'Créer une entité de facturation / Create an invoicing entity', body: zSellerInput, response: { 201: zCreated } } },
      async (request, reply) => reply.code(201).send(await contracts.createSeller(db, authorize(request, 'billing.manage'), request.body)),
    );
    app.post(
      '/billing/clients',
      { schema: { tags, summary: 'Créer un client facturé / Create a billed client', body: zClientInput, response: { 201: zCreated } } },
      async (request, reply) => reply.code(201).send(await contracts.createClient(db, authorize(request, 'billing.manage'), request.body)),
    );
    app.get('/billing/contracts', { schema: { tags, summary: 'Contrats / Contracts', response: { 200: zContractList } } }, async (request) =>
      contracts.listContracts(db, authorize(request, 'billing.manage')),
    );
    app.post(
      '/billing/contracts',
      { schema: { tags, summary: 'Créer un contrat / Create a contract', body: zContractInput, response: { 201: zCreated } } },
      async (request, reply) => reply.code(201).send(await contracts.createContract(db, authorize(request, 'billing.manage'), request.body)),
    );
    app.post(
      '/billing/contracts/:id/versions',
      {
        schema: {
          tags,
          summary: 'Nouvelle version du contrat à partir d’une date / New contract version from a date',
          params: zIdParams,
          body: zVersionInput,
          response: { 200: zCreated },
        },
      },
      async (request) => contracts.addContractVersion(db, authorize(request, 'billing.manage'), request.params.id, request.body),
    );
    app.post(
      '/billing/runs',
      { schema: { tags, summary: 'Facturation du mois : brouillons / Monthly run: drafts', body: zRunInput, response: { 201: zRunResult } } },
      async (request, reply) => reply.code(201).send(await createRun(db, authorize(request, 'billing.manage'), clock, request.body.month)),
    );

    app.get(
      '/invoices',
      { schema: { tags, summary: 'Factures par mois et état / Invoices by month and status', querystring: zInvoiceQuery, response: { 200: zInvoiceList } } },
      async (request) => invoices.listInvoices(db, authorize(request, 'invoice.read'), request.query),
    );
    app.get(
      '/invoices/:id',
      { schema: { tags, summary: 'Facture : lignes, totaux, TVA / Invoice: lines, totals, VAT', params: zIdParams, response: { 200: zInvoiceDetail } } },
      async (request) => invoices.getInvoice(db, authorize(request, 'invoice.read'), request.params.id),
    );
    app.post(
      '/invoices/:id/lines',
      { schema: { tags, summary: 'Ajouter une ligne libre / Add a free line', params: zIdParams, body: zFreeLineInput, response: { 200: zInvoiceDetail } } },
      async (request) => invoices.addFreeLine(db, authorize(request, 'billing.manage'), request.params.id, request.body),
    );
    app.delete(
      '/invoices/:id/lines/:position',
      { schema: { tags, summary: 'Supprimer une ligne libre / Delete a free line', params: zLineParams, response: { 200: zInvoiceDetail } } },
      async (request) => invoices.deleteFreeLine(db, authorize(request, 'billing.manage'), request.params.id, request.params.position),
    );
    app.post(
      '/invoices/:id/issue',
      { schema: { tags, summary: 'Émettre (numéro définitif) / Issue (final number)', params: zIdParams, response: { 200: zInvoiceDetail } } },
      async (request) => invoices.issueInvoice(db, authorize(request, 'billing.manage'), clock, request.params.id),
    );
    app.post(
      '/invoices/:id/credit-note',
      { schema: { tags, summary: 'Avoir annulant la facture / Credit note', params: zIdParams, body: zCreditNoteInput, response: { 201: zInvoiceDetail } } },
      async (request, reply) =>
        reply.code(201).send(await invoices.creditInvoice(db, authorize(request, 'billing.manage'), clock, request.params.id, request.body.reason)),
    );
    app.post(
      '/invoices/:id/payments',
      { schema: { tags, summary: 'Enregistrer un paiement / Record a payment', params: zIdParams, body: zPaymentInput, response: { 200: zInvoiceDetail } } },
      async (request) => invoices.recordPayment(db, authorize(request, 'billing.manage'), request.params.id, request.body),
    );
    app.post(
      '/invoices/:id/sent',
      { schema: { tags, summary: 'Marquer envoyée / Mark as sent', params: zIdParams, response: { 200: zInvoiceDetail } } },
      async (request) => invoices.markSent(db, authorize(request, 'billing.manage'), clock, request.params.id),
    );
    app.get(
      '/invoices/:id/report',
      { schema: { tags, summary: 'Rapport de valeur du mois / Value report', params: zIdParams, response: { 200: zValueReport } } },
      async (request) => valueReport(db, authorize(request, 'invoice.read'), clock, request.params.id),
    );
    app.get(
      '/invoices/:id/cii.xml',
      { schema: { tags, summary: 'XML CII (EN 16931) tel qu’intégré au PDF / CII XML as embedded', params: zIdParams } },
      async (request, reply) => {
        const { number, xml } = await invoices.invoiceXml(db, authorize(request, 'invoice.read'), request.params.id);
        return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${number}.xml"`).send(xml);
      },
    );
    app.get('/invoices/:id/pdf', { schema: { tags, summary: 'PDF Factur-X / Factur-X PDF', params: zIdParams } }, async (request, reply) => {
      const { number, pdf } = await invoices.invoicePdf(db, authorize(request, 'invoice.read'), request.params.id);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${number}.pdf"`).send(Buffer.from(pdf));
    });
  };
}
