package dev.policysearch.server.search;

import dev.policysearch.corpus.Language;
import dev.policysearch.corpus.schema.Fields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FilterCollector;
import org.apache.lucene.search.FilterLeafCollector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.util.BytesRef;

/**
 * The best match in one language, found in the same pass as the ranking itself (beside it in a
 * {@link org.apache.lucene.search.MultiCollectorManager}): a top-1 ranking that sees only the
 * releases whose {@code lang} is that language.
 */
final class BestInLanguage implements CollectorManager<Collector, TopDocs> {
  private final TopFieldCollectorManager best;
  private final BytesRef lang;
  private final List<TopFieldCollector> collectors = new ArrayList<>();

  BestInLanguage(Language lang, Sort ranking) {
    this.lang = new BytesRef(lang.code());
    this.best = new TopFieldCollectorManager(ranking, 1, null, Integer.MAX_VALUE);
  }

  @Override
  public Collector newCollector() throws IOException {
    TopFieldCollector collector = best.newCollector();
    synchronized (collectors) {
      collectors.add(collector);
    }
    return new FilterCollector(collector) {
      @Override
      public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        SortedSetDocValues langs = DocValues.getSortedSet(context.reader(), Fields.LANG);
        long wanted = langs.lookupTerm(lang);
        if (wanted < 0) {
          throw new CollectionTerminatedException(); // no release of that language in this segment
        }
        return new FilterLeafCollector(super.getLeafCollector(context)) {
          @Override
          public void collect(int doc) throws IOException {
            if (langs.advanceExact(doc) && langs.nextOrd() == wanted) {
              in.collect(doc);
            }
          }
        };
      }
    };
  }

  @Override
  public TopDocs reduce(Collection<Collector> ignored) throws IOException {
    synchronized (collectors) {
      return best.reduce(collectors);
    }
  }
}
