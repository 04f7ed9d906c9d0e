// Institutions per country, and the countries that signed with each other.
MATCH (i:Institution) WHERE i.country IS NOT NULL
RETURN i.country AS country, count(*) AS institutions
ORDER BY institutions DESC, country LIMIT 10;
