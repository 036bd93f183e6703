// The posting reference: the event id in a form that fits SAP's short text fields
// (MaterialDocumentHeaderText is 25 characters, ConfirmationText 40), so a posting can be found
// again by reference when ERP's answer was lost. "MW" + the UUID's 16 bytes in base64url.
export function postingReference(eventId: string): string {
  const hex = eventId.replaceAll('-', '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new RangeError(`not a UUID: ${eventId}`);
  return `MW${Buffer.from(hex, 'hex').toString('base64url')}`;
}
