// `remove` inside a foreach: the current item is dropped from the list the loop goes over,
// once the loop is done. What the generated code says, what it does when run, and that it
// typechecks.
import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import { buildFunction } from "./helpers.ts";

describe("remove in a foreach", () => {
  test("drops the current item from a variable's list after the loop; later statements of the round still run", async () => {
    const f = await buildFunction(
      "expire",
      `function expire {
  input { object[] items }
  stack {
    var $items { value = $input.items }
    var $seen { value = 0 }
    foreach ($items) {
      each as $item {
        conditional {
          if ($item.expired == true) {
            remove
          }
        }
        math.add $seen { value = 1 }
      }
    }
  }
  response = {items: $items, seen: $seen, given: $input.items|count}
}`,
    );
    assert.match(f.code, /const removed = new Set<number>\(\);/);
    assert.match(f.code, /for \(const \[position, item\] of items\.entries\(\)\) \{/);
    assert.match(f.code, /removed\.add\(position\); \/\/ remove/);
    assert.match(f.code, /items = items\.filter\(\(_: unknown, position: number\) => !removed\.has\(position\)\);/);
    const items = [{ id: 1, expired: true }, { id: 2, expired: false }, { id: 3, expired: true }, { id: 4 }];
    assert.deepEqual(await f.run({ items }), { items: [{ id: 2, expired: false }, { id: 4 }], seen: 4, given: 4 });
    assert.equal(f.typeErrors(), "");
  });

  test("with break and continue, in nested loops, on a path and on an input field", async () => {
    const f = await buildFunction(
      "paths",
      `function paths {
  input { int[] nums }
  stack {
    var $order { value = {items: [1, 2, 3, 4, 5, 6, 7]} }
    var $rounds { value = [] }
    foreach ($order.items) {
      each as $n {
        conditional {
          if ($n == 6) {
            break
          }
        }
        conditional {
          if ($n % 2 == 0) {
            remove
            continue
          }
        }
        var $inner { value = [$n, 10, $n] }
        foreach ($inner) {
          each as $m {
            conditional {
              if ($m == $n) {
                remove
              }
            }
          }
        }
        array.push $rounds { value = $inner }
      }
    }
    foreach ($input.nums) {
      each as $k {
        conditional {
          if ($k < 0) {
            remove
          }
        }
      }
    }
  }
  response = {order: $order, rounds: $rounds, nums: $input.nums}
}`,
    );
    // Items after a break stay; the inner loop's remove is its own.
    assert.deepEqual(await f.run({ nums: [3, -1, 0, -7, 2] }), {
      order: { items: [1, 3, 5, 6, 7] },
      rounds: [[10], [10], [10]],
      nums: [3, 0, 2],
    });
    assert.match(f.code, /removed2\.add\(position2\)/);
    assert.equal(f.typeErrors(), "");
  });

  test("a loop variable also read after the loop, and a list that is no variable", async () => {
    const f = await buildFunction(
      "shared",
      `function shared {
  input { }
  stack {
    var $xs { value = ["a", "bb", "ccc"] }
    foreach ($xs) {
      each as $x {
        conditional {
          if (($x|strlen) == 2) {
            remove
          }
        }
      }
    }
    var $count { value = 0 }
    foreach ([1, 2, 3]) {
      each as $y {
        remove
        math.add $count { value = $y }
      }
    }
  }
  response = {xs: $xs, last: $x, count: $count}
}`,
    );
    assert.match(f.code, /remove: the loop's list \(\[1, 2, 3\]\) is no variable/);
    assert.deepEqual(await f.run(), { xs: ["a", "ccc"], last: "ccc", count: 6 });
    assert.equal(f.typeErrors(), "");
  });

  test("outside a foreach it stays not migrated, with the reason", async () => {
    const f = await buildFunction(
      "outside",
      `function outside {
  input { }
  stack {
    for (2) {
      each as $i {
        remove
      }
    }
  }
  response = 1
}`,
    );
    assert.match(f.code, /TODO\(xs2ts\): remove is not migrated yet/);
    await assert.rejects(f.run(), /Not migrated: remove \(function\/outside\.xs:6\)/);
  });
});
