package dev.ferry.plan;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Binds what a source names: a MongoDB {@code collection}, or a PostgreSQL {@code table}, {@code view} or
 * {@code query} — exactly one. A view is read as a table is; a query is read only and paged on the plan's key, so it
 * must be one {@code SELECT} (or {@code WITH … SELECT}) with no {@code ;}.
 */
final class SourceNames {
    private static final List<String> KINDS = List.of("collection", "table", "view", "query");
    private static final Pattern QUERY_START = Pattern.compile("(?is)\\s*(select|with)\\b.*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final PlanProblems problems;

    SourceNames(PlanProblems problems) {
        this.problems = problems;
    }

    Optional<PlanBinder.SourceName> bind(MapNodeReader reader, PlanNode.MapNode node) {
        List<String> given = KINDS.stream().filter(k -> node.entry(k).isPresent()).toList();
        KINDS.forEach(k -> reader.node(k, false)); // known keys, whichever is bound
        if (given.size() > 1 && (given.contains("view") || given.contains("query"))) {
            problems.at(node.entry(given.get(1)).orElseThrow(), "source", "give one of collection (MongoDB), table,"
                    + " view or query (PostgreSQL), not both " + given.get(0) + " and " + given.get(1));
            return Optional.empty();
        }
        Optional<String> name = reader.string("name", false);
        if (given.isEmpty() || given.get(0).equals("collection") || given.get(0).equals("table")) {
            name.ifPresent(n -> problems.at(node.entry("name").orElseThrow().value(), "source.name",
                    "name is for a query source (how it is called in messages and the journal)"));
            return PlanBinder.storeName(problems, reader, node, "source")
                    .map(s -> new PlanBinder.SourceName(s, null));
        }
        if (given.get(0).equals("view")) {
            name.ifPresent(n -> problems.at(node.entry("name").orElseThrow().value(), "source.name",
                    "a view is called by its own name; name is for a query source"));
            return reader.string("view", true).map(v -> new PlanBinder.SourceName(
                    new PlanBinder.StoreName(v, StoreKind.POSTGRES), null));
        }
        Optional<String> query = reader.string("query", true).filter(q -> acceptable(q, node));
        boolean nameOk = name.isEmpty() || NAME.matcher(name.get()).matches();
        if (!nameOk) {
            problems.at(node.entry("name").orElseThrow().value(), "source.name", "'" + name.get() + "' is not a"
                    + " plain name (letters, digits and _): the query is called by it in messages and the journal");
        }
        return query.filter(q -> nameOk).map(q -> new PlanBinder.SourceName(
                new PlanBinder.StoreName(name.orElse("query"), StoreKind.POSTGRES), q.strip()));
    }

    private boolean acceptable(String query, PlanNode.MapNode node) {
        PlanNode at = node.entry("query").orElseThrow().value();
        if (query.indexOf(';') >= 0) {
            problems.at(at, "source.query", "a query source is one statement: remove the ';' (it is read in pages,"
                    + " as SELECT * FROM (<query>) WHERE key > … ORDER BY key LIMIT n)");
            return false;
        }
        if (!QUERY_START.matcher(query).matches()) {
            problems.at(at, "source.query", "a query source starts with SELECT or WITH, got '"
                    + query.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT) + "': a source is only read");
            return false;
        }
        return true;
    }
}
