package dev.ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class DocumentChecksumTest {

    @Test
    void fieldOrderDoesNotMatterButTypesAndValuesDo() {
        Document a = new Document("x", 1).append("y", new Document("b", 2).append("a", List.of(1, 2)));
        Document b = new Document("y", new Document("a", List.of(1, 2)).append("b", 2)).append("x", 1);
        assertThat(DocumentChecksum.of(a)).isEqualTo(DocumentChecksum.of(b));
        assertThat(DocumentChecksum.of(a)).isNotEqualTo(DocumentChecksum.of(new Document(a).append("x", 1L)));
        assertThat(DocumentChecksum.of(a)).isNotEqualTo(DocumentChecksum.of(new Document(a).append("x", 2)));
        assertThat(DocumentChecksum.of(new Document("y", List.of(2, 1))))
                .isNotEqualTo(DocumentChecksum.of(new Document("y", List.of(1, 2))));
    }

    @Test
    void collectionSumsAreOrderIndependentAndAdditive() {
        Document a = new Document("_id", 1);
        Document b = new Document("_id", 2).append("u", UUID.nameUUIDFromBytes(new byte[] {1}));
        assertThat(DocumentChecksum.Sum.EMPTY.add(a).add(b)).isEqualTo(DocumentChecksum.Sum.EMPTY.add(b).add(a));
        assertThat(DocumentChecksum.Sum.EMPTY.add(a).plus(DocumentChecksum.Sum.EMPTY.add(b)))
                .isEqualTo(DocumentChecksum.Sum.EMPTY.add(a).add(b));
        assertThat(DocumentChecksum.Sum.fromDocument(DocumentChecksum.Sum.EMPTY.add(a).toDocument()))
                .isEqualTo(DocumentChecksum.Sum.EMPTY.add(a));
    }

    @Test
    void measuresBsonSizeClientSide() {
        assertThat(DocumentChecksum.bsonSize(new Document())).isEqualTo(5);
        assertThat(DocumentChecksum.bsonSize(new Document("a", 1))).isEqualTo(12);
    }
}
