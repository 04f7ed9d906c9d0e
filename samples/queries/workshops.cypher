// Luban Workshops: who set them up, and where they are.
MATCH (w:Workshop)<-[:ESTABLISHED]-(founder)
OPTIONAL MATCH (w)-[:LOCATED_IN]->(c:Country)
RETURN w.name AS workshop, collect(founder.name) AS founders, c.name AS country;
