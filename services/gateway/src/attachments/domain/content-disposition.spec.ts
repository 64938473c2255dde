import { attachmentDisposition } from './content-disposition';

/** What a client that reads `filename*` gets back. */
const extName = (header: string) => decodeURIComponent(/filename\*=UTF-8''([^;]+)$/.exec(header)![1]);

describe('Content-Disposition of downloads (MSG-10: the original name, safely encoded)', () => {
  it('MSG-10: a name with quotes, slashes and emoji round-trips through filename*', () => {
    const name = 'Q3 "final" report/v2 🎉.pdf';
    const header = attachmentDisposition(name);
    expect(extName(header)).toBe(name);
    expect(header).toBe('attachment; filename="Q3 _final_ report_v2 _.pdf"; filename*=UTF-8\'\'Q3%20%22final%22%20report%2Fv2%20%F0%9F%8E%89.pdf');
  });

  it('the ASCII stand-in keeps what it can and can never break out of its quotes', () => {
    expect(attachmentDisposition('Café menu.pdf')).toContain('filename="Cafe menu.pdf"');
    expect(attachmentDisposition('x"; filename="evil.exe')).toContain('filename="x_; filename=_evil.exe"');
    expect(attachmentDisposition('ランチ')).toContain('filename="___"');
    expect(attachmentDisposition('\\\\server\\share')).toContain('filename="__server_share"');
  });

  it("characters RFC 8187 reserves (' ( ) *) are percent-encoded too", () => {
    const header = attachmentDisposition("it's (v1)*.txt");
    expect(header).toContain("filename*=UTF-8''it%27s%20%28v1%29%2A.txt");
    expect(extName(header)).toBe("it's (v1)*.txt");
  });
});
