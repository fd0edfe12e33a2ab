// Statement families (math.*, array.*, text.*, object.*), path updates, loops and the value
// semantics of variables: what the generated code says, and what it does when run.
import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import { buildFunction } from "./helpers.ts";

describe("math.* statements", () => {
  test("math.add on numbers is a native +=; math.div by a non-zero literal a native /, by a variable the helper", async () => {
    const f = await buildFunction(
      "m",
      `function m {
  input { int n }
  stack {
    var $total { value = 0 }
    for ($input.n) {
      each as $i {
        math.add $total { value = $i }
      }
    }
    var $half { value = $total }
    math.div $half { value = 2 }
    var $share { value = $total }
    math.div $share { value = $input.n }
    math.bitwise.and $total { value = 6 }
  }
  response = {total: $total, half: $half, share: $share}
}`,
    );
    assert.match(f.code, /total \+= i;/);
    assert.match(f.code, /half = half \/ 2;/);
    assert.match(f.code, /divide\(share, input\.n\)/);
    assert.deepEqual(await f.run({ n: 5 }), { total: 2, half: 5, share: 2 });
    await assert.rejects(f.run({ n: 0 }), /Division by zero/);
  });
});

describe("array.* statements", () => {
  test("push, pop, shift, unshift, merge change the variable; the bound result is the item", async () => {
    const f = await buildFunction(
      "a",
      `function a {
  input { }
  stack {
    var $xs { value = [2, 3] }
    array.push $xs { value = 4 }
    array.unshift $xs { value = 1 }
    array.pop $xs as $last
    array.shift $xs as $first
    array.merge $xs { value = [9] }
    array.pop $empty_list as $nothing
  }
  response = {xs: $xs, last: $last, first: $first, nothing: $nothing}
}`,
    );
    assert.match(f.code, /xs\.push\(4\);/);
    assert.deepEqual(await f.run(), { xs: [2, 3, 9], last: 4, first: 1, nothing: null });
  });

  test("find, filter_count, has, every, map and group_by bind their results", async () => {
    const f = await buildFunction(
      "b",
      `function b {
  input { }
  stack {
    var $xs { value = [1, 5, 8, 12] }
    array.find $xs if ($this > 4) as $found
    array.find_index $xs if ($this > 4) as $at
    array.filter_count $xs if ($this > 4) as $many
    array.has $xs if ($this == 8) as $has8
    array.every $xs if ($this > 0) as $positive
    array.map ($xs) { by = $this * 2 } as $doubled
    array.group_by ($xs) { by = $this % 2 } as $parity
    array.union ([1, 2]) { value = [2, 3] by = $this } as $union
  }
  response = [$found, $at, $many, $has8, $positive, $doubled, $parity, $union]
}`,
    );
    assert.deepEqual(await f.run(), [5, 1, 3, true, true, [2, 10, 16, 24], { "1": [1, 5], "0": [8, 12] }, [1, 2, 3]]);
  });
});

describe("array.partition", () => {
  test("splits the list into {true, false} by the condition (Xano truthiness), in order", async () => {
    const f = await buildFunction(
      "p",
      `function p {
  input { }
  stack {
    var $people { value = [{name: "Ann", gender: "female"}, {name: "Bob", gender: "male"}, {name: "Cy", gender: "male"}] }
    array.partition ($people) if ($this.gender == "male") as $is_male
    array.partition ([0, 1, "", "x", null, [], [2]]) if ($this) as $truthy
    array.partition ([3, 4]) if ($this > 10) as $none
  }
  response = {men: $is_male.true|count, women: $is_male.false, truthy: $truthy, none: $none}
}`,
    );
    assert.match(f.code, /partition\(people, \(item: any\) =>/);
    assert.deepEqual(await f.run(), {
      men: 2,
      women: [{ name: "Ann", gender: "female" }],
      truthy: { true: [1, "x", [2]], false: [0, "", null, []] },
      none: { true: [], false: [3, 4] },
    });
  });
});

describe("text.* and object.* statements", () => {
  test("text.append / trim change the variable; tests and object.keys bind", async () => {
    const f = await buildFunction(
      "t",
      `function t {
  input { }
  stack {
    var $s { value = "  hi" }
    text.trim $s
    text.append $s { value = " there" }
    text.prepend $s { value = ">" }
    text.starts_with $s { value = ">hi" } as $starts
    object.keys { value = {a: 1, b: 2} } as $keys
  }
  response = [$s, $starts, $keys]
}`,
    );
    assert.deepEqual(await f.run(), [">hi there", true, ["a", "b"]]);
  });
});

describe("variables hold values", () => {
  test("a copy changed in place leaves the original alone", async () => {
    const f = await buildFunction(
      "v",
      `function v {
  input { }
  stack {
    var $a { value = [[1], [2]] }
    var $b { value = $a }
    array.push $b { value = [3] }
    var.update $b[0][0] { value = 100 }
    var $row { value = $a|first }
    array.push $row { value = 7 }
  }
  response = {a: $a, b: $b, row: $row}
}`,
    );
    assert.match(f.code, /clone\(/);
    assert.deepEqual(await f.run(), { a: [[1], [2]], b: [[100], [2], [3]], row: [1, 7] });
  });

  test("var.update on a path creates what is missing", async () => {
    const f = await buildFunction(
      "p",
      `function p {
  input { }
  stack {
    var $o { value = null }
    var.update $o.a.b { value = 1 }
    var $grid { value = [[0, 0], [0, 0]] }
    var.update $grid[1][0] { value = 5 }
  }
  response = {o: $o, grid: $grid}
}`,
    );
    assert.match(f.code, /setPath\(grid, \[1, 0\], 5\)/);
    assert.deepEqual(await f.run(), {
      o: { a: { b: 1 } },
      grid: [
        [0, 0],
        [5, 0],
      ],
    });
  });

  test("the foreach item is a copy: changing it does not change the list", async () => {
    const f = await buildFunction(
      "fc",
      `function fc {
  input { }
  stack {
    var $list { value = [{n: 1}, {n: 2}] }
    foreach ($list) {
      each as $item {
        var.update $item.n { value = 0 }
      }
    }
  }
  response = $list
}`,
    );
    assert.deepEqual(await f.run(), [{ n: 1 }, { n: 2 }]);
  });
});

describe("loops, ranges and membership", () => {
  test("a loop variable read after its loop, the .. range and in", async () => {
    const f = await buildFunction(
      "l",
      `function l {
  input { }
  stack {
    var $sum { value = 0 }
    foreach ((1..4)) {
      each as $k {
        math.add $sum { value = $k }
      }
    }
    var $hit { value = 3 in [1, 2, 3] }
    var $miss { value = 5 in [1, 2, 3] }
  }
  response = {sum: $sum, last: $k, hit: $hit, miss: $miss}
}`,
    );
    assert.match(f.code, /range\(null, 1, 4\)/);
    assert.deepEqual(await f.run(), { sum: 10, last: 4, hit: true, miss: false });
  });

  test("the for count is evaluated once", async () => {
    const f = await buildFunction(
      "fo",
      `function fo {
  input { }
  stack {
    var $xs { value = [1, 2] }
    for ($xs|count) {
      each as $i {
        array.push $xs { value = $i }
      }
    }
  }
  response = $xs
}`,
    );
    assert.deepEqual(await f.run(), [1, 2, 0, 1]);
  });
});

describe("static types over all assignments", () => {
  test("a variable only ever assigned numbers uses native operators", async () => {
    const f = await buildFunction(
      "n",
      `function n {
  input { }
  stack {
    var $i { value = 0 }
    var $s { value = "" }
    while ($i < 3) {
      each {
        var $i { value = $i + 1 }
        var $s { value = $s ~ "x" }
      }
    }
  }
  response = $s ~ $i
}`,
    );
    assert.match(f.code, /while \(i < 3\)/);
    assert.match(f.code, /i = i \+ 1;/);
    assert.match(f.code, /s = `\$\{s\}x`;/);
    assert.equal(await f.run(), "xxx3");
  });

  test("a variable that may hold text keeps the helper", async () => {
    const f = await buildFunction(
      "u",
      `function u {
  input { }
  stack {
    var $x { value = 1 }
    var $x { value = "2" }
    var $y { value = $x + 1 }
  }
  response = $y
}`,
    );
    assert.match(f.code, /add\(x, 1\)/);
    assert.equal(await f.run(), 3);
  });
});

test("debug.stop ends the stack with its value; the statements after it do not run", async () => {
  const f = await buildFunction(
    "stopper",
    `function stopper {
  input {
    int n
  }
  stack {
    var $x { value = $input.n * 2 }
    debug.stop { value = $x }
    var $x { value = 0 }
  }
  response = $x
}`,
  );
  assert.match(f.code, /return debugStop\(x\);/);
  assert.equal(await f.run({ n: 4 }), 8);
});

test("$parent in an expression filter is the whole list; $index and $result as documented", async () => {
  const f = await buildFunction(
    "parents",
    `function parents {
  input {
  }
  stack {
    var $xs { value = [3,1,2] }
    var $a { value = $xs|map:($$ + ($parent|count)) }
    var $b { value = $xs|filter:$index > 0 }
    var $c { value = $xs|reduce:($result + $this):0 }
  }
  response = {a: $a, b: $b, c: $c}
}`,
  );
  assert.match(f.code, /\(item: any, index: number, parent: any\[\]\) =>/);
  assert.deepEqual(await f.run(), { a: [6, 4, 5], b: [1, 2], c: 6 });
});

test("null-safe comparisons outside a query are ignored (true) when the value compared with is null", async () => {
  const f = await buildFunction(
    "nullsafe",
    `function nullsafe {
  input {
    int? min
    text? category
    int[]? ids
  }
  stack {
    var $price { value = 10 }
    var $cheap_enough { value = $price >=? $input.min }
    var $same { value = "books" ==? $input.category }
    var $listed { value = 3 in? $input.ids }
  }
  response = {cheap_enough: $cheap_enough, same: $same, listed: $listed}
}`,
  );
  assert.match(f.code, /const cheapEnough = isNull\(input\.min\) \|\| /);
  assert.deepEqual(await f.run({}), { cheap_enough: true, same: true, listed: true });
  assert.deepEqual(await f.run({ min: 20, category: "toys", ids: [1, 2] }), {
    cheap_enough: false,
    same: false,
    listed: false,
  });
  assert.deepEqual(await f.run({ min: 5, category: "books", ids: [3] }), {
    cheap_enough: true,
    same: true,
    listed: true,
  });
});
