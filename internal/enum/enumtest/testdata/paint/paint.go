package paint

import "github.com/grassrootsgov/grassroots/internal/enum"

type Color uint8

var colorNames = enum.New[Color]("paint.Color", "red", "green")

type Finish uint8

var finishNames = enum.New[Finish]("paint.Finish", "matt", "gloss")

var notATable = New[Finish]("paint.Other", "x")
