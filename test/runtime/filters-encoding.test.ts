// Encoding filters (templates/runtime/filters/encoding.ts): reference rows from
// syntax/string-filters.md ("Encoding Filters", "Character Encoding", "CSV & Query String"),
// Xano docs examples, and round trips.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  base64Decode,
  base64DecodeUrlsafe,
  base64Encode,
  base64EncodeUrlsafe,
  bin2hex,
  bytesOf,
  convertEncoding,
  csvCreate,
  csvDecode,
  csvEncode,
  csvParse,
  detectEncoding,
  fromBytes,
  fromUtf8,
  hex2bin,
  listEncodings,
  querystringParse,
  toUtf8,
  urlAddarg,
  urlDecode,
  urlDecodeRfc3986,
  urlDelarg,
  urlEncode,
  urlEncodeRfc3986,
  urlGetarg,
  urlHasarg,
  urlParse,
  xmlDecode,
  yamlDecode,
  yamlEncode,
} from "../../templates/runtime/filters/encoding.js";

describe("encoding filters (reference table)", () => {
  test('"hello"|base64_encode; "aGVsbG8="|base64_decode', () => {
    assert.equal(base64Encode("hello"), "aGVsbG8=");
    assert.equal(base64Decode("aGVsbG8="), "hello");
  });

  test('"a b"|url_encode; "a%20b"|url_decode', () => {
    assert.equal(urlEncode("a b"), "a%20b");
    assert.equal(urlDecode("a%20b"), "a b");
  });

  test('"<a>1</a>"|xml_decode', () => {
    assert.deepEqual(xmlDecode("<a>1</a>"), { a: { "@attributes": [], value: "1" } });
  });

  test("yaml_encode / yaml_decode", () => {
    assert.equal(yamlEncode({ a: 1, b: 2, c: 3 }), "a: 1\nb: 2\nc: 3\n");
    assert.deepEqual(yamlDecode("a: 1\nb: 2\nc: 3"), { a: 1, b: 2, c: 3 });
  });

  test("hex2bin / bin2hex", () => {
    assert.equal(hex2bin("68656c6c6f"), "hello");
    assert.equal(bin2hex("hello"), "68656c6c6f");
  });

  test('"a=1&b=2"|querystring_parse → {a: "1", b: "2"}', () => {
    assert.deepEqual(querystringParse("a=1&b=2"), { a: "1", b: "2" });
  });

  test("csv_parse / csv_create", () => {
    assert.deepEqual(csvParse("name,age\nAnn,31\nBob,42\n"), [
      { name: "Ann", age: "31" },
      { name: "Bob", age: "42" },
    ]);
    assert.equal(csvCreate(["name", "age"], [{ name: "Ann", age: 31 }, ["Bob", 42]]), "name,age\nAnn,31\nBob,42\n");
  });

  test("character encodings", () => {
    assert.ok(listEncodings().includes("UTF-8"));
    assert.equal(detectEncoding("étude"), "UTF-8");
    assert.equal(detectEncoding("plain"), "ASCII");
    assert.equal(toUtf8(fromUtf8("études")), "études");
    assert.deepEqual(
      convertEncoding("études", "ISO-8859-1", "UTF-8"),
      Uint8Array.from([0xe9, 0x74, 0x75, 0x64, 0x65, 0x73]),
    );
  });
});

describe("xano docs examples", () => {
  test("url filters", () => {
    assert.equal(urlDecode("Hello%2C%20World%21"), "Hello, World!");
    assert.equal(urlDecodeRfc3986("Hello%2C%20World%21"), "Hello, World!");
    assert.equal(urlEncode("Hello, World!"), "Hello%2C%20World%21");
    assert.equal(urlEncodeRfc3986("Hello, World!"), "Hello%2C%20World%21");
    assert.equal(urlAddarg("https://example.com?foo=bar", "fiz", "buz"), "https://example.com?foo=bar&fiz=buz");
    assert.equal(urlDelarg("https://example.com?foo=bar&fiz=buz", "fiz"), "https://example.com?foo=bar");
    assert.equal(urlHasarg("https://example.com?foo=bar&fiz=buz", "fiz"), true);
    assert.equal(urlGetarg("https://example.com?foo=bar&fiz=buz", "fiz"), "buz");
    assert.deepEqual(urlParse("https://username:password@example.com:8080/path?foo=bar&fiz=buz#fragment"), {
      scheme: "https",
      host: "example.com",
      port: 8080,
      user: "username",
      pass: "password",
      path: "/path",
      query: "foo=bar&fiz=buz",
      fragment: "fragment",
    });
    assert.deepEqual(querystringParse("foo=bar&fiz=buz"), { foo: "bar", fiz: "buz" });
  });

  test("xml_decode shape", () => {
    assert.deepEqual(xmlDecode("<root><a>1</a><b>2</b><c>3</c></root>"), {
      root: {
        "@attributes": [],
        value: [
          { a: { "@attributes": [], value: "1" } },
          { b: { "@attributes": [], value: "2" } },
          { c: { "@attributes": [], value: "3" } },
        ],
      },
    });
  });

  test("base64 url-safe", () => {
    assert.equal(base64EncodeUrlsafe("hello?"), "aGVsbG8_");
    assert.equal(base64DecodeUrlsafe("aGVsbG8_"), "hello?");
    assert.equal(base64DecodeUrlsafe("aGk="), "hi");
  });
});

describe("urls in detail", () => {
  test("url_encode leaves -_.~ and encodes UTF-8 bytes", () => {
    assert.equal(urlEncode("a-b_c.d~e/f?g=h&i"), "a-b_c.d~e%2Ff%3Fg%3Dh%26i");
    assert.equal(urlEncode("é"), "%C3%A9");
    assert.equal(urlDecode("%C3%A9+x%zz"), "é x%zz");
    assert.equal(urlDecodeRfc3986("a+b"), "a+b");
  });

  test("url_addarg replaces an existing argument and keeps the fragment", () => {
    assert.equal(urlAddarg("https://x.io/p?a=1&b=2#top", "a", "x y"), "https://x.io/p?b=2&a=x%20y#top");
    assert.equal(urlAddarg("https://x.io", "q", "1"), "https://x.io?q=1");
    assert.equal(urlDelarg("https://x.io?a=1", "a"), "https://x.io");
    assert.equal(urlGetarg("https://x.io?a=1", "b", "none"), "none");
    assert.equal(urlGetarg("https://x.io?q=a%20b", "q"), "a b");
  });

  test("url_parse leaves out the parts that are absent", () => {
    assert.deepEqual(urlParse("https://example.com"), { scheme: "https", host: "example.com" });
    assert.deepEqual(urlParse("/path?x=1"), { path: "/path", query: "x=1" });
  });

  test("querystring_parse: lists, objects, +, leading ?", () => {
    assert.deepEqual(querystringParse("?a[]=1&a[]=2&o[x]=y&s=hello+world&e="), {
      a: ["1", "2"],
      o: { x: "y" },
      s: "hello world",
      e: "",
    });
  });
});

describe("bytes", () => {
  test("bytes that are not UTF-8 stay bytes and round-trip", () => {
    const b = hex2bin("00ff80");
    assert.ok(b instanceof Uint8Array);
    assert.equal(bin2hex(b), "00ff80");
    assert.equal(base64Encode(b), "AP+A");
    assert.deepEqual(base64Decode("AP+A"), b);
    assert.equal(bin2hex(base64Decode(base64Encode(b))), "00ff80");
  });

  test("valid UTF-8 becomes text; a BOM is kept", () => {
    assert.equal(fromBytes(Buffer.from("héllo", "utf8")), "héllo");
    assert.equal(bin2hex(fromBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))), "efbbbf61");
    assert.deepEqual([...bytesOf("é")], [0xc3, 0xa9]);
  });

  test("hex2bin refuses odd or non-hex text", () => {
    assert.throws(() => hex2bin("abc"), RangeError);
    assert.throws(() => hex2bin("zz"), RangeError);
  });

  test("convert_encoding between UTF-8, Latin-1, Windows-1252 and UTF-16", () => {
    assert.equal(convertEncoding(Uint8Array.from([0xe9]), "UTF-8", "ISO-8859-1"), "é");
    assert.equal(bin2hex(convertEncoding("€", "Windows-1252", "UTF-8")), "80");
    assert.equal(bin2hex(convertEncoding("A€", "UTF-16BE")), "004120ac");
    assert.throws(() => convertEncoding("x", "EBCDIC-XYZ"), RangeError);
  });

  test("to_utf8 of text that already is UTF-8 double-encodes it, as PHP's utf8_encode", () => {
    assert.equal(toUtf8("é"), "Ã©");
  });
});

describe("csv in detail", () => {
  test("quoted fields, doubled quotes, newlines inside quotes, CRLF", () => {
    assert.deepEqual(csvDecode('a,"b,c","say ""hi""","x\ny"\r\n1,2,3,4'), [
      ["a", "b,c", 'say "hi"', "x\ny"],
      ["1", "2", "3", "4"],
    ]);
    assert.deepEqual(csvDecode("a;b\n1;2", ";"), [
      ["a", "b"],
      ["1", "2"],
    ]);
    assert.deepEqual(csvDecode(""), []);
  });

  test("csv_encode quotes like fputcsv", () => {
    assert.equal(csvEncode([["a", "b c", 'q"', "d,e", 1, null, true]]), 'a,"b c","q""","d,e",1,,true\n');
    assert.equal(csvEncode([{ x: 1, y: 2 }]), "1,2\n");
    assert.deepEqual(csvDecode(csvEncode([["a b", 'q"', "x\ny"]])), [["a b", 'q"', "x\ny"]]);
  });

  test("csv_parse fills missing fields with empty text", () => {
    assert.deepEqual(csvParse("a,b\n1"), [{ a: "1", b: "" }]);
  });
});

describe("xml in detail", () => {
  test("attributes, entities, CDATA, self-closing elements, prolog and comments", () => {
    const xml = `<?xml version="1.0"?>\n<!-- c --><doc id="7" lang='en'><t>a &amp; b &#233;</t><e/><d><![CDATA[<raw>]]></d></doc>`;
    assert.deepEqual(xmlDecode(xml), {
      doc: {
        "@attributes": { id: "7", lang: "en" },
        value: [
          { t: { "@attributes": [], value: "a & b é" } },
          { e: { "@attributes": [], value: "" } },
          { d: { "@attributes": [], value: "<raw>" } },
        ],
      },
    });
  });

  test("broken xml is an error", () => {
    assert.throws(() => xmlDecode("<a><b></a>"), SyntaxError);
    assert.throws(() => xmlDecode("not xml"), SyntaxError);
  });
});

describe("yaml in detail", () => {
  test("nested mappings and sequences, flow style, quotes, comments, block text", () => {
    const yaml = [
      "# settings",
      "name: demo  # inline comment",
      "enabled: true",
      "ratio: 0.5",
      "nothing: ~",
      "list:",
      "  - 1",
      "  - two",
      "  - {a: 1, b: [x, 'y z']}",
      "nested:",
      "  key: value",
      "  items:",
      "  - id: 1",
      "    tags: [a, b]",
      "  - id: 2",
      'quoted: "tab\\there"',
      "single: 'it''s'",
      "url: http://example.com/a#b",
      "text: |",
      "  line 1",
      "  line 2",
      "folded: >-",
      "  a",
      "  b",
    ].join("\n");
    assert.deepEqual(yamlDecode(yaml), {
      name: "demo",
      enabled: true,
      ratio: 0.5,
      nothing: null,
      list: [1, "two", { a: 1, b: ["x", "y z"] }],
      nested: { key: "value", items: [{ id: 1, tags: ["a", "b"] }, { id: 2 }] },
      quoted: "tab\there",
      single: "it's",
      url: "http://example.com/a#b",
      text: "line 1\nline 2\n",
      folded: "a b",
    });
  });

  test("yaml_encode quotes text that would read as something else, and round-trips", () => {
    const value = {
      name: "x",
      list: [1, "two", { a: 1, b: ["x", "y z"] }],
      empty: [],
      none: {},
      n: null,
      flag: false,
      s: "true",
      num: "12",
      colon: "a: b",
      multi: "x\ny",
      quote: "it's",
    };
    const text = yamlEncode(value);
    assert.match(text, /^s: 'true'$/m);
    assert.match(text, /^num: '12'$/m);
    assert.match(text, /^empty: \[\]$/m);
    assert.match(text, /^ {2}- a: 1$/m);
    assert.deepEqual(yamlDecode(text), value);
    assert.equal(yamlEncode([]), "[]\n");
    assert.equal(yamlEncode("x"), "x\n");
    assert.deepEqual(yamlDecode(yamlEncode([1, [2, 3], "a"])), [1, [2, 3], "a"]);
  });

  test("top-level lists and scalars", () => {
    assert.deepEqual(yamlDecode("- a\n- b"), ["a", "b"]);
    assert.equal(yamlDecode("42"), 42);
    assert.equal(yamlDecode(""), null);
  });
});
