// File statements (storage.*, zip.*, stream.*): generated code run for real, with files
// written to a temporary STORAGE_DIR.
import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { before, describe, test } from "node:test";
import { strFromU8, unzipSync, zipSync, strToU8 } from "fflate";
import { buildFunction, type Built } from "./helpers.ts";

const storage = mkdtempSync(join(tmpdir(), "xs2ts-storage-"));

/** A file resource as a `file?` input holds it. */
function upload(name: string, text: string, mime = "application/octet-stream") {
  return { name, mime, size: Buffer.byteLength(text), data: Buffer.from(text).toString("base64") };
}

/** The generated project's runtime module `name` (verifySignedUrl is for the user's web server). */
async function runtimeOf<T>(f: Built, name: string): Promise<T> {
  return import(pathToFileURL(join(f.out, `src/runtime/${name}.ts`)).href) as Promise<T>;
}

describe("storage.* statements", () => {
  before(() => {
    process.env.STORAGE_DIR = storage;
    process.env.PUBLIC_BASE_URL = "https://files.example.com/media";
    process.env.STORAGE_SIGNING_KEY = "test-signing-key";
  });

  test("create_file_resource / read_file_resource: text in, the same text out, with name, size and mime", async () => {
    const f = await buildFunction(
      "resource",
      `function resource {
  input {
    text csv
  }
  stack {
    storage.create_file_resource {
      filename = "report.csv"
      filedata = $input.csv
    } as $resource
    storage.read_file_resource {
      value = $resource
    } as $content
  }
  response = {resource: $resource, content: $content}
}`,
    );
    // $resource takes another name than the function it is in (one naming scope per body).
    assert.match(f.code, /const resource2 = createFileResource\("report\.csv", input\.csv\);/);
    assert.match(f.code, /readFileResource\(resource2\)/);
    const text = "name,email\nÉva,e@x.io\n";
    const out = (await f.run({ csv: text })) as { resource: Record<string, unknown>; content: Record<string, unknown> };
    assert.deepEqual(out.resource, {
      name: "report.csv",
      mime: "text/csv",
      size: Buffer.byteLength(text),
      data: Buffer.from(text).toString("base64"),
    });
    assert.deepEqual(out.content, { name: "report.csv", size: Buffer.byteLength(text), mime: "text/csv", data: text });
    assert.equal(f.typeErrors(), "");
  });

  test("create_attachment stores the upload under STORAGE_DIR; append_file adds to it; delete_file removes it", async () => {
    const f = await buildFunction(
      "attach",
      `function attach {
  input {
    file? doc
  }
  stack {
    storage.create_attachment {
      value = $input.doc
      access = "private"
      filename = ""
    } as $stored
    storage.append_file {
      pathname = $stored.path
      data = " more"
    }
  }
  response = $stored
}`,
    );
    assert.match(f.code, /createAttachment\(input\.doc, "private", ""\)/);
    const stored = (await f.run({ doc: upload("cv.pdf", "%PDF", "application/pdf") })) as Record<string, unknown>;
    assert.match(String(stored.path), /^\/vault\/private\/[\w-]+\/cv\.pdf$/);
    assert.deepEqual(
      { ...stored, path: "" },
      { access: "private", path: "", name: "cv.pdf", type: "pdf", size: 4, mime: "application/pdf", meta: {} },
    );
    const disk = join(storage, String(stored.path));
    assert.equal(readFileSync(disk, "utf8"), "%PDF more");
    assert.deepEqual(
      f.findings.filter((x) => x.kind === "env").map((x) => x.message),
      ["reads the environment variable STORAGE_DIR", "reads the environment variable STORAGE_DIR"],
    );

    const remove = await buildFunction(
      "remove",
      `function remove {\n  input {\n    text path\n  }\n  stack {\n    storage.delete_file { pathname = $input.path }\n  }\n  response = null\n}`,
    );
    await remove.run({ path: stored.path });
    assert.equal(existsSync(disk), false);
    await assert.rejects(remove.run({ path: "/../../etc/passwd" }), /outside the storage folder/);
    assert.equal(f.typeErrors(), "");
  });

  test("create_image takes the four image formats only, with Xano's error otherwise; meta has the width and height; a name given replaces the upload's", async () => {
    const f = await buildFunction(
      "image",
      `function image {
  input {
    file? logo
  }
  stack {
    storage.create_image {
      value = $input.logo
      access = "public"
      filename = "logo.png"
    } as $image
  }
  response = $image
}`,
    );
    // A PNG's signature and header: 3 × 2 pixels.
    const png = {
      name: "upload.bin",
      mime: "image/png",
      size: 33,
      data: "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAAAAAAA",
    };
    const image = (await f.run({ logo: png })) as Record<string, unknown>;
    assert.equal(image.name, "logo.png");
    assert.equal(image.type, "image");
    assert.deepEqual(image.meta, { width: 3, height: 2 });
    const damaged = (await f.run({ logo: upload("x.png", "not a png", "image/png") })) as Record<string, unknown>;
    assert.deepEqual(damaged.meta, {}, "no size when the image cannot be read");
    assert.match(String(image.path), /^\/vault\/public\//);
    assert.ok(existsSync(join(storage, String(image.path))));
    const pdf = await buildFunction(
      "pdf",
      `function pdf {\n  input {\n    file? doc\n  }\n  stack {\n    storage.create_image {\n      value = $input.doc\n      access = "public"\n      filename = ""\n    } as $image\n  }\n  response = $image\n}`,
    );
    await assert.rejects(pdf.run({ doc: upload("a.pdf", "%PDF") }), /Invalid file extension\./);
  });

  test("sign_private_url: PUBLIC_BASE_URL + path, expiring, signed with STORAGE_SIGNING_KEY; verifySignedUrl checks it", async () => {
    const f = await buildFunction(
      "sign",
      `function sign {
  input {
    text path
  }
  stack {
    storage.sign_private_url {
      pathname = $input.path
      ttl = 60
    } as $signed
  }
  response = $signed
}`,
    );
    assert.match(f.code, /signPrivateUrl\(input\.path, 60\)/);
    const url = String(await f.run({ path: "/vault/private/abc/my cv.pdf" }));
    assert.match(
      url,
      /^https:\/\/files\.example\.com\/media\/vault\/private\/abc\/my%20cv\.pdf\?expires=\d+&signature=[\w-]+$/,
    );
    const { verifySignedUrl } = await runtimeOf<{ verifySignedUrl(url: string, now?: number): boolean }>(f, "files");
    assert.equal(verifySignedUrl(url), true);
    assert.equal(verifySignedUrl(new URL(url).pathname + new URL(url).search), true, "as a request gives it");
    assert.equal(verifySignedUrl(url, Date.now() + 61_000), false, "expired");
    assert.equal(verifySignedUrl(url.replace("abc", "abd")), false, "another file");
    // Change the signature's first character to a different one: replacing it with a fixed
    // letter leaves it unchanged whenever the signature already starts with that letter.
    const forged = url.replace(/signature=(.)/, (_, first: string) => `signature=${first === "A" ? "B" : "A"}`);
    assert.notEqual(forged, url);
    assert.equal(verifySignedUrl(forged), false, "forged");
    const env = f.findings.filter((x) => x.kind === "env").map((x) => x.message.split(" ").pop());
    assert.deepEqual(env, ["PUBLIC_BASE_URL", "STORAGE_SIGNING_KEY"]);
  });

  test("a storage statement with an unknown parameter is not migrated, with the parameter named", async () => {
    const f = await buildFunction(
      "odd",
      `function odd {\n  stack {\n    storage.delete_file {\n      pathname = "/x"\n      force = true\n    }\n  }\n  response = null\n}`,
    );
    assert.ok(
      f.findings.some(
        (x) => x.code === "XS3001" && /storage\.delete_file is not migrated: unknown parameter force/.test(x.message),
      ),
    );
  });
});

describe("zip.* statements", () => {
  test("create_archive, add_to_archive (in place, as the reference's example), view_contents, delete_from_archive, extract; the archive is a real zip", async () => {
    const f = await buildFunction(
      "export_zip",
      `function export_zip {
  input {
    json users
  }
  stack {
    zip.create_archive {
      filename = "export.zip"
    } as $archive
    zip.add_to_archive {
      archive = $archive
      files = [
        { path: "data/users.json", content: $input.users|json_encode },
        { path: "data/old.txt", content: "old" },
        { path: "readme.txt", content: "Export" }
      ]
    }
    zip.view_contents {
      archive = $archive
    } as $before
    zip.delete_from_archive {
      archive = $archive
      paths = ["data/old.txt"]
    } as $cleaned
    zip.extract {
      archive = $cleaned
      target_path = "extracted/"
    } as $files
    storage.create_file_resource {
      filename = "users.zip"
      filedata = $archive
    } as $file
  }
  response = {before: $before, files: $files, file: $file}
}`,
    );
    assert.match(f.code, /const archive = createArchive\("export\.zip"\);\n\s+addToArchive\(archive, \[/);
    assert.match(f.code, /extractArchive\(cleaned\)/);
    const users = [{ id: 1, name: "Ann" }];
    const out = (await f.run({ users })) as {
      before: { path: string; size: number; compressed_size: number }[];
      files: unknown[];
      file: { name: string; mime: string; data: string };
    };
    assert.deepEqual(
      out.before.map((e) => [e.path, e.size]),
      [
        ["data/users.json", JSON.stringify(users).length],
        ["data/old.txt", 3],
        ["readme.txt", 6],
      ],
    );
    assert.ok(out.before.every((e) => typeof e.compressed_size === "number"));
    assert.deepEqual(out.files, [
      { path: "data/users.json", content: JSON.stringify(users) },
      { path: "readme.txt", content: "Export" },
    ]);
    // The archive was changed in place: the resource made from it holds the zip without old.txt.
    assert.equal(out.file.name, "users.zip");
    assert.equal(out.file.mime, "application/zip");
    const entries = unzipSync(Buffer.from(out.file.data, "base64"));
    assert.deepEqual(Object.keys(entries), ["data/users.json", "readme.txt"]);
    assert.equal(strFromU8(entries["readme.txt"]!), "Export");
    assert.equal(f.typeErrors(), "");
  });

  test("an uploaded zip: a folder path removes the files under it; add_to_archive replaces a file of the same path", async () => {
    const f = await buildFunction(
      "prune",
      `function prune {
  input {
    file? zip_file
  }
  stack {
    zip.delete_from_archive {
      archive = $input.zip_file
      paths = ["deprecated/"]
    } as $cleaned
    zip.add_to_archive {
      archive = $cleaned
      files = [{ path: "a.txt", content: "new" }]
    } as $updated
    zip.extract {
      archive = $updated
    } as $files
  }
  response = $files
}`,
    );
    const zip = zipSync({
      "a.txt": strToU8("old"),
      "deprecated/x.txt": strToU8("x"),
      "deprecated/y/z.txt": strToU8("z"),
      "keep.txt": strToU8("k"),
    });
    const input = {
      name: "in.zip",
      mime: "application/zip",
      size: zip.byteLength,
      data: Buffer.from(zip).toString("base64"),
    };
    assert.deepEqual(await f.run({ zip_file: input }), [
      { path: "a.txt", content: "new" },
      { path: "keep.txt", content: "k" },
    ]);
    await assert.rejects(f.run({ zip_file: { name: "x.zip" } }), /the archive is not a file resource/);
  });
});

describe("stream.* statements", () => {
  test("from_csv over an uploaded file: headers name the columns; separator, enclosure and escape_char are honoured; the foreach goes through the rows", async () => {
    const f = await buildFunction(
      "import_csv",
      `function import_csv {
  input {
    file? csv_file
  }
  stack {
    stream.from_csv {
      value = $input.csv_file
      separator = ";"
      enclosure = "'"
      escape_char = "\\\\"
    } as $stream
    var $names { value = [] }
    foreach ($stream) {
      each as $row {
        var.update $names { value = $names|push:($row.name ~ " <" ~ $row.email ~ ">") }
      }
    }
  }
  response = $names
}`,
    );
    assert.match(f.code, /fromCsv\(input\.csv_file, \{ separator: ";", enclosure: "'", escape_char: "\\\\" \}\)/);
    const csv = "\uFEFFname;email\n'Smith; Ann';ann@x.io\n'O\\'Brien';ob@x.io\n\n";
    assert.deepEqual(await f.run({ csv_file: upload("people.csv", csv, "text/csv") }), [
      "Smith; Ann <ann@x.io>",
      "O'Brien <ob@x.io>",
    ]);
    assert.equal(f.typeErrors(), "");
  });

  test("from_csv with headers = false over text: each row is a list ($row.0, $row.1); a doubled enclosure is the default escape", async () => {
    const f = await buildFunction(
      "rows",
      `function rows {
  input {
    text csv
  }
  stack {
    stream.from_csv {
      value = $input.csv
      headers = false
    } as $stream
    var $out { value = [] }
    foreach ($stream) {
      each as $row {
        var.update $out { value = $out|push:{ name: $row.0, email: $row.1 } }
      }
    }
  }
  response = $out
}`,
    );
    assert.deepEqual(await f.run({ csv: 'Ann,ann@x.io\n"Say ""hi""",b@x.io' }), [
      { name: "Ann", email: "ann@x.io" },
      { name: 'Say "hi"', email: "b@x.io" },
    ]);
  });

  test("from_jsonl: one value per line, blank lines skipped; a line that is not JSON fails with its number", async () => {
    const f = await buildFunction(
      "events",
      `function events {
  input {
    file? jsonl_file
  }
  stack {
    stream.from_jsonl {
      value = $input.jsonl_file
    } as $stream
    var $types { value = [] }
    foreach ($stream) {
      each as $record {
        var.update $types { value = $types|push:$record.type }
      }
    }
  }
  response = $types
}`,
    );
    assert.match(f.code, /fromJsonl\(input\.jsonl_file\)/);
    assert.deepEqual(await f.run({ jsonl_file: upload("e.jsonl", '{"type":"a"}\n\n{"type":"b","data":[1]}\r\n') }), [
      "a",
      "b",
    ]);
    await assert.rejects(f.run({ jsonl_file: upload("e.jsonl", '{"type":"a"}\nnope\n') }), /line 2 is not JSON/);
  });

  test("from_request stays not migrated: a function or a task has no request body", async () => {
    const f = await buildFunction(
      "body",
      `function body {\n  stack {\n    stream.from_request {\n      format = "jsonl"\n    } as $stream\n  }\n  response = $stream\n}`,
    );
    assert.match(f.code, /notMigrated\("stream\.from_request \(function\/body\.xs:3\)"\)/);
    assert.ok(
      f.findings.some(
        (x) =>
          x.code === "XS3001" && /from_request is not migrated: it reads the body of an API request/.test(x.message),
      ),
    );
  });
});
