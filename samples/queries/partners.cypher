// Who partners with the Kenyan trainers' college, and through what?
CALL kg.partners('Kenya Technical Trainers College') YIELD partner, via, count
RETURN partner.name AS partner, via, count AS documents
ORDER BY documents DESC, partner;
