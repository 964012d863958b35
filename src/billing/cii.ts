/**
 * The UN/CEFACT Cross Industry Invoice (CII D16B) of an invoice or credit note, EN 16931 profile — the XML a
 * Factur-X PDF carries as factur-x.xml. Written by hand (a template of ~100 elements): no permissively
 * licensed library writes it. Element order follows the CII schema. Pure.
 */
import type { InvoiceDocument, Party } from './document.ts';
import { decimal, percent } from './money.ts';
import { mentionsOf, paymentTermsText } from './mentions.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const d102 = (iso: string) => iso.replaceAll('-', '');
const dateTime = (tag: string, iso: string) => `<ram:${tag}><udt:DateTimeString format="102">${d102(iso)}</udt:DateTimeString></ram:${tag}>`;

function party(tag: string, p: Party): string {
  return [
    `<ram:${tag}>`,
    `<ram:Name>${esc(p.legalName)}</ram:Name>`,
    `<ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">${p.siren}</ram:ID></ram:SpecifiedLegalOrganization>`,
    '<ram:PostalTradeAddress>',
    `<ram:PostcodeCode>${esc(p.postalCode)}</ram:PostcodeCode>`,
    `<ram:LineOne>${esc(p.addressLine)}</ram:LineOne>`,
    `<ram:CityName>${esc(p.city)}</ram:CityName>`,
    `<ram:CountryID>${p.country}</ram:CountryID>`,
    '</ram:PostalTradeAddress>',
    p.email ? `<ram:URIUniversalCommunication><ram:URIID schemeID="EM">${esc(p.email)}</ram:URIID></ram:URIUniversalCommunication>` : '',
    p.vatNumber ? `<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">${esc(p.vatNumber)}</ram:ID></ram:SpecifiedTaxRegistration>` : '',
    `</ram:${tag}>`,
  ].join('');
}

export function ciiXml(doc: InvoiceDocument): string {
  const notes = mentionsOf(doc)
    .map((m) => `<ram:IncludedNote><ram:Content>${esc(m.text)}</ram:Content><ram:SubjectCode>${m.subject}</ram:SubjectCode></ram:IncludedNote>`)
    .join('\n    ');
  const lines = doc.lines
    .map((l) =>
      [
        '<ram:IncludedSupplyChainTradeLineItem>',
        `<ram:AssociatedDocumentLineDocument><ram:LineID>${l.position}</ram:LineID></ram:AssociatedDocumentLineDocument>`,
        `<ram:SpecifiedTradeProduct><ram:SellerAssignedID>${esc(l.code)}</ram:SellerAssignedID><ram:Name>${esc(l.label)}</ram:Name></ram:SpecifiedTradeProduct>`,
        `<ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>${decimal(l.unitPriceCents)}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>`,
        `<ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">${l.quantity}</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>`,
        '<ram:SpecifiedLineTradeSettlement>',
        `<ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>${percent(l.vatRateBp)}</ram:RateApplicablePercent></ram:ApplicableTradeTax>`,
        `<ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>${decimal(l.netCents)}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>`,
        '</ram:SpecifiedLineTradeSettlement>',
        '</ram:IncludedSupplyChainTradeLineItem>',
      ].join('\n      '),
    )
    .join('\n    ');
  const vat = doc.totals.vat
    .map(
      (v) =>
        `<ram:ApplicableTradeTax><ram:CalculatedAmount>${decimal(v.vatCents)}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>${decimal(v.basisCents)}</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>${percent(v.rateBp)}</ram:RateApplicablePercent></ram:ApplicableTradeTax>`,
    )
    .join('\n      ');
  const t = doc.totals;
  const s = doc.seller;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>${esc(doc.number)}</ram:ID>
    <ram:TypeCode>${doc.kind === 'credit_note' ? '381' : '380'}</ram:TypeCode>
    ${dateTime('IssueDateTime', doc.issueDate)}
    ${notes}
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    ${lines}
    <ram:ApplicableHeaderTradeAgreement>
      ${party('SellerTradeParty', s)}
      ${party('BuyerTradeParty', doc.buyer)}
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:PaymentReference>${esc(doc.number)}</ram:PaymentReference>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      ${
        s.iban
          ? `<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>${esc(s.iban.replaceAll(' ', ''))}</ram:IBANID></ram:PayeePartyCreditorFinancialAccount>${s.bic ? `<ram:PayeeSpecifiedCreditorFinancialInstitution><ram:BICID>${esc(s.bic)}</ram:BICID></ram:PayeeSpecifiedCreditorFinancialInstitution>` : ''}</ram:SpecifiedTradeSettlementPaymentMeans>`
          : '<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>30</ram:TypeCode></ram:SpecifiedTradeSettlementPaymentMeans>'
      }
      ${vat}
      <ram:BillingSpecifiedPeriod>${dateTime('StartDateTime', doc.periodStart)}${dateTime('EndDateTime', doc.periodEnd)}</ram:BillingSpecifiedPeriod>
      <ram:SpecifiedTradePaymentTerms><ram:Description>${esc(paymentTermsText(doc))}</ram:Description>${dateTime('DueDateDateTime', doc.dueDate)}</ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>${decimal(t.netCents)}</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>${decimal(t.netCents)}</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">${decimal(t.vatCents)}</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>${decimal(t.grossCents)}</ram:GrandTotalAmount>
        <ram:DuePayableAmount>${decimal(t.grossCents)}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>${
        doc.corrects
          ? `
      <ram:InvoiceReferencedDocument><ram:IssuerAssignedID>${esc(doc.corrects.number)}</ram:IssuerAssignedID><ram:FormattedIssueDateTime><qdt:DateTimeString format="102">${d102(doc.corrects.issueDate)}</qdt:DateTimeString></ram:FormattedIssueDateTime></ram:InvoiceReferencedDocument>`
          : ''
      }
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
`;
}
