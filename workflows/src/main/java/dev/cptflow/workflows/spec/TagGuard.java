package dev.cptflow.workflows.spec;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Rejects every tag beyond plain YAML data. Nothing is ever constructed from the node tree, but a spec that asks
 * for {@code !!java.io.File} or a custom tag means something this loader will not do, so it must not run.
 */
final class TagGuard {

  /** Timestamps are here because SnakeYAML tags date-like text implicitly; the binder reads it as text. */
  private static final Set<Tag> DATA_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ, Tag.TIMESTAMP);

  private final SpecContext ctx;
  /** Aliases make the tree a graph (even a cyclic one), so each node is visited once. */
  private final Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());

  private TagGuard(SpecContext ctx) {
    this.ctx = ctx;
  }

  static void check(Node root, SpecContext ctx) {
    new TagGuard(ctx).visit(root);
  }

  private void visit(Node node) {
    if (!visited.add(node)) {
      return;
    }
    Tag tag = node.getTag();
    if (tag.equals(Tag.MERGE)) {
      ctx.error(node, "", "YAML merge keys (<<) are not supported; write the keys out");
    } else if (!DATA_TAGS.contains(tag)) {
      ctx.error(node, "", "YAML tag '" + tag.getValue() + "' is not allowed; a spec holds plain data only");
    }
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        visit(tuple.getKeyNode());
        visit(tuple.getValueNode());
      }
    } else if (node instanceof SequenceNode sequence) {
      sequence.getValue().forEach(this::visit);
    }
  }
}
