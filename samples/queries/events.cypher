// Events, their hosts and how many parties attended, newest first.
MATCH (e:Event)
OPTIONAL MATCH (host)-[:HOSTED]->(e)
OPTIONAL MATCH (guest)-[:ATTENDED]->(e)
RETURN e.name AS event, e.date AS date, collect(DISTINCT host.name) AS hosts, count(DISTINCT guest) AS attendees
ORDER BY date DESC, event;
