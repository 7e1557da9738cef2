package dev.policysearch.opensearch;

import dev.policysearch.corpus.analysis.Glossary;
import dev.policysearch.corpus.analysis.PolicyLexicon;
import dev.policysearch.corpus.query.PolicyQueryBuilder;
import dev.policysearch.corpus.query.UserQuery;
import dev.policysearch.corpus.query.UserQueryParser;
import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.opensearch.core.ParseField;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.index.query.QueryShardContext;

/**
 * {@code {"policy": {"text": "国发〔2024〕7号 光伏"}}}: what a user typed, read and turned into a
 * ranked Lucene query by the same code as the embedded index ({@link UserQueryParser}, {@link
 * PolicyQueryBuilder}): lexicon words and bigrams, document numbers, folding, glossary expansion
 * into the other language, coordination. A cluster therefore ranks exactly as the embedded index
 * does, given the same documents. With {@code "title_only": true} the text is one term looked for
 * in titles (the search box's suggestions).
 */
public final class PolicyQuery extends AbstractQueryBuilder<PolicyQuery> {
  public static final String NAME = "policy";

  private static final ParseField TEXT = new ParseField("text");
  private static final ParseField TITLE_ONLY = new ParseField("title_only");

  private final String text;
  private final boolean titleOnly;

  public PolicyQuery(String text, boolean titleOnly) {
    this.text = Objects.requireNonNull(text, "text");
    this.titleOnly = titleOnly;
  }

  public PolicyQuery(StreamInput in) throws IOException {
    super(in);
    this.text = in.readString();
    this.titleOnly = in.readBoolean();
  }

  @Override
  protected void doWriteTo(StreamOutput out) throws IOException {
    out.writeString(text);
    out.writeBoolean(titleOnly);
  }

  @Override
  protected void doXContent(XContentBuilder builder, Params params) throws IOException {
    builder.startObject(NAME);
    builder.field(TEXT.getPreferredName(), text);
    if (titleOnly) {
      builder.field(TITLE_ONLY.getPreferredName(), true);
    }
    printBoostAndQueryName(builder);
    builder.endObject();
  }

  /** Reads {@code {"text": ..., "title_only": ..., "boost": ..., "_name": ...}}; anything else is an error naming it. */
  public static PolicyQuery fromXContent(XContentParser parser) throws IOException {
    String text = null;
    boolean titleOnly = false;
    float boost = DEFAULT_BOOST;
    String queryName = null;
    String field = null;
    XContentParser.Token token;
    while ((token = parser.nextToken()) != XContentParser.Token.END_OBJECT) {
      if (token == XContentParser.Token.FIELD_NAME) {
        field = parser.currentName();
      } else if (token.isValue() && TEXT.match(field, parser.getDeprecationHandler())) {
        text = parser.text();
      } else if (token.isValue() && TITLE_ONLY.match(field, parser.getDeprecationHandler())) {
        titleOnly = parser.booleanValue();
      } else if (token.isValue() && BOOST_FIELD.match(field, parser.getDeprecationHandler())) {
        boost = parser.floatValue();
      } else if (token.isValue() && NAME_FIELD.match(field, parser.getDeprecationHandler())) {
        queryName = parser.text();
      } else {
        throw new ParsingException(parser.getTokenLocation(), "[" + NAME + "] query does not support [" + field + "]");
      }
    }
    if (text == null) {
      throw new ParsingException(parser.getTokenLocation(), "[" + NAME + "] query needs [text]: what the user typed");
    }
    PolicyQuery query = new PolicyQuery(text, titleOnly);
    query.boost(boost);
    query.queryName(queryName);
    return query;
  }

  @Override
  protected Query doToQuery(QueryShardContext context) {
    PolicyQueryBuilder queries = Queries.builder();
    if (titleOnly) {
      Query inTitle = queries.term(new UserQuery.Term(text.strip(), false, UserQuery.Scope.TITLE));
      return inTitle == null ? new MatchNoDocsQuery("nothing searchable in [" + text + "]") : inTitle;
    }
    UserQuery parsed = Queries.PARSER.parse(text);
    if (parsed.isEmpty()) {
      return new MatchNoDocsQuery("nothing searchable in [" + text + "]");
    }
    return queries.build(parsed, text);
  }

  @Override
  protected boolean doEquals(PolicyQuery other) {
    return text.equals(other.text) && titleOnly == other.titleOnly;
  }

  @Override
  protected int doHashCode() {
    return Objects.hash(text, titleOnly);
  }

  @Override
  public String getWriteableName() {
    return NAME;
  }

  /** The node's one query builder, over the node's shared analyzers, lexicon and glossary. */
  private static final class Queries {
    static final UserQueryParser PARSER = new UserQueryParser();

    private static final class Holder {
      static final PolicyQueryBuilder INSTANCE = new PolicyQueryBuilder(SharedAnalyzers.get(), PolicyLexicon.bundled(), Glossary.bundled());
    }

    static PolicyQueryBuilder builder() {
      return Holder.INSTANCE;
    }
  }
}
