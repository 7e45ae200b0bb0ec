using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Intake.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EpisodesAndReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "EpisodeId",
                table: "Intakes",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Intakes",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<List<string>>(
                name: "ReviewReasons",
                table: "Intakes",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReviewedAt",
                table: "Intakes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "Intakes",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Intakes_EpisodeId",
                table: "Intakes",
                column: "EpisodeId");

            // Intakes from before episodes: each patient's intakes so far are their first episode (the patient id is unique
            // per patient), recorded as initial intakes.
            migrationBuilder.Sql("""UPDATE "Intakes" SET "EpisodeId" = "PatientId", "Kind" = 'Initial';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Intakes_EpisodeId",
                table: "Intakes");

            migrationBuilder.DropColumn(
                name: "EpisodeId",
                table: "Intakes");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Intakes");

            migrationBuilder.DropColumn(
                name: "ReviewReasons",
                table: "Intakes");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "Intakes");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "Intakes");
        }
    }
}
