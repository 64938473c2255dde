import { storedAttachmentName } from './attachments';

describe('attachments (MSG-10)', () => {
  it('MSG-10: unique stored names', () => {
    expect(storedAttachmentName('m1', '../price list.pdf')).toBe('m1-_price_list.pdf');
  });

  it('MSG-10: the original name stays readable in the stored one, whatever its script', () => {
    expect(storedAttachmentName('m2', 'Faktur Juni — ランチ.pdf')).toBe('m2-Faktur_Juni_ランチ.pdf');
    expect(storedAttachmentName('m3', '...')).toBe('m3-file');
  });
});
