package dev.ferry.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.SplittableRandom;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * Rental listings as a scraped export keeps them in MongoDB, generated deterministically: each with its
 * {@code reviews[]} (0 to 40, dates as dates), {@code photos} as a map keyed by photo ids, dates stored as text
 * ({@code last_scraped} "2019-02-16 05:00:00.000000000", {@code calendar_last_scraped} "2019-02-16",
 * {@code host.host_since}), money as decimals, numbers that arrive as text ({@code minimum_nights}), and fields
 * that are sometimes missing (cleaning fee, security deposit) or null (review comments).
 */
public final class ListingsGenerator {
    private static final DateTimeFormatter SCRAPED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");
    private static final String[] PROPERTY = {"Apartment", "House", "Condominium", "Loft", "Guesthouse", "Villa"};
    private static final String[] ROOM = {"Entire home/apt", "Private room", "Shared room"};
    private static final String[] AMENITIES = {"Wifi", "Kitchen", "TV", "Cable TV", "Air conditioning", "Heating",
        "Washer", "Hair dryer", "Iron", "Laptop friendly workspace", "Elevator", "Free parking on premises"};
    private static final String[][] MARKETS = {{"Porto", "PT", "Portugal", "-8.61", "41.15"},
        {"Barcelona", "ES", "Spain", "2.17", "41.39"}, {"New York", "US", "United States", "-73.98", "40.75"},
        {"Sydney", "AU", "Australia", "151.21", "-33.87"}, {"Istanbul", "TR", "Turkey", "28.97", "41.01"},
        {"Montreal", "CA", "Canada", "-73.57", "45.50"}, {"Rio De Janeiro", "BR", "Brazil", "-43.20", "-22.91"}};
    private static final String[] REVIEWERS = {"Ana", "Ben", "Chiara", "Dmitri", "Émilie", "Farid", "Greta", "Hiro",
        "Ingrid", "Jonas"};
    private static final String[] COMMENTS = {"Great location, very clean.", "The host was \"super\" helpful!",
        "Noisy street at night.\nOtherwise fine.", "Tudo perfeito, recomendo.", "", "Would stay again — 10/10"};

    private final long seed;

    public ListingsGenerator(long seed) {
        this.seed = seed;
    }

    /** Listings {@code from} … {@code from + count - 1}; the same index always gives the same listing. */
    public List<Document> documents(int from, int count) {
        List<Document> out = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            out.add(listing(i));
        }
        return out;
    }

    Document listing(int index) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ index * 0xBF58476D1CE4E5B9L);
        String id = String.valueOf(10_000_000 + index * 37L);
        String[] market = MARKETS[r.nextInt(MARKETS.length)];
        LocalDate scraped = LocalDate.of(2019, 2, 11).plusDays(r.nextInt(8));
        Document listing = new Document("_id", id)
                .append("listing_url", "https://example.org/rooms/" + id)
                .append("name", PROPERTY[r.nextInt(PROPERTY.length)] + " near the " + (r.nextBoolean() ? "river" : "old town")
                        + (r.nextInt(10) == 0 ? " 🌊" : ""))
                .append("property_type", PROPERTY[r.nextInt(PROPERTY.length)])
                .append("room_type", ROOM[r.nextInt(ROOM.length)])
                .append("minimum_nights", String.valueOf(1 + r.nextInt(5)))
                .append("maximum_nights", String.valueOf(30 + r.nextInt(1100)))
                .append("last_scraped", scraped.atTime(5, 0).format(SCRAPED))
                .append("calendar_last_scraped", scraped.toString())
                .append("accommodates", 1 + r.nextInt(8))
                .append("bedrooms", r.nextInt(5))
                .append("bathrooms", decimal(r.nextInt(7) * 50, 2))
                .append("amenities", amenities(r))
                .append("price", decimal(2_000 + r.nextInt(40_000), 2));
        if (r.nextInt(3) != 0) {
            listing.append("cleaning_fee", decimal(r.nextInt(8_000), 2));
        }
        if (r.nextInt(2) == 0) {
            listing.append("security_deposit", decimal(r.nextInt(50_000), 2));
        }
        String hostId = String.valueOf(1_000_000 + r.nextInt(900_000));
        listing.append("host", new Document("host_id", hostId).append("host_name", REVIEWERS[r.nextInt(REVIEWERS.length)])
                .append("host_since", LocalDate.of(2009, 1, 1).plusDays(r.nextInt(3_000)).toString())
                .append("host_is_superhost", r.nextInt(4) == 0)
                .append("host_response_rate", r.nextInt(5) == 0 ? null : 50 + r.nextInt(51))
                .append("host_verifications", List.of("email", "phone")));
        listing.append("address", new Document("market", market[0]).append("country_code", market[1])
                .append("country", market[2]).append("location", new Document("type", "Point")
                        .append("coordinates", List.of(Double.parseDouble(market[3]) + r.nextInt(1000) / 10_000.0,
                                Double.parseDouble(market[4]) + r.nextInt(1000) / 10_000.0))));
        listing.append("photos", photos(r, id));
        List<Document> reviews = reviews(r, id, scraped);
        listing.append("number_of_reviews", reviews.size()).append("reviews", reviews);
        if (!reviews.isEmpty()) {
            listing.append("first_review", reviews.get(0).get("date"))
                    .append("last_review", reviews.get(reviews.size() - 1).get("date"));
        }
        return listing;
    }

    private static List<String> amenities(SplittableRandom r) {
        List<String> out = new ArrayList<>();
        for (String a : AMENITIES) {
            if (r.nextInt(3) != 0) {
                out.add(a);
            }
        }
        return out;
    }

    /** A map keyed by photo ids, as exports keep attachments: {"p10000037-1": {url, caption, added}}. */
    private static Document photos(SplittableRandom r, String listingId) {
        Document photos = new Document();
        int n = r.nextInt(5);
        for (int p = 1; p <= n; p++) {
            photos.append("p" + listingId + "-" + p, new Document("url", "https://example.org/photos/" + listingId
                    + "/" + p + ".jpg").append("caption", r.nextInt(3) == 0 ? null : "Room " + p)
                    .append("added", LocalDate.of(2015, 1, 1).plusDays(r.nextInt(1_400)).toString()));
        }
        return photos;
    }

    private static List<Document> reviews(SplittableRandom r, String listingId, LocalDate scraped) {
        int n = r.nextInt(6) == 0 ? 0 : r.nextInt(41);
        List<Document> reviews = new ArrayList<>(n);
        Instant at = scraped.atStartOfDay(ZoneOffset.UTC).toInstant().minus(30L * (n + 1), ChronoUnit.DAYS);
        for (int i = 0; i < n; i++) {
            at = at.plus(1 + r.nextInt(30), ChronoUnit.DAYS);
            String comment = COMMENTS[r.nextInt(COMMENTS.length)];
            reviews.add(new Document("_id", String.valueOf(Long.parseLong(listingId) * 100 + i))
                    .append("date", Date.from(at))
                    .append("listing_id", listingId)
                    .append("reviewer_id", String.valueOf(20_000_000 + r.nextInt(9_000_000)))
                    .append("reviewer_name", REVIEWERS[r.nextInt(REVIEWERS.length)])
                    .append("rating", 1 + r.nextInt(5))
                    .append("comments", r.nextInt(15) == 0 ? null : comment));
        }
        return reviews;
    }

    private static Decimal128 decimal(long unscaled, int scale) {
        return new Decimal128(BigDecimal.valueOf(unscaled, scale));
    }
}
